using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainingHub.Localization;
using TrainingHub.Web.Pages;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Turns a handler's <see cref="ValidationException"/> into messages next to the form's fields and renders the page again,
/// so no page model catches it. A failure while loading a page (a GET, or the reload before rendering again) means the
/// address names nothing there is: 404. A JSON request gets the messages back as JSON with 400.
/// </summary>
public sealed class ValidationPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not ValidationException invalid || executed.ExceptionHandled) return;
        executed.ExceptionHandled = true;
        var request = context.HttpContext.Request;
        if (request.HasJsonContentType())
        {
            executed.Result = new JsonResult(new { error = Sentences(invalid.Errors) }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        else if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            executed.Result = NotFound(context.HttpContext, invalid.Errors);
        }
        else
        {
            executed.Result = await RenderAgainAsync(context, invalid.Errors);
        }
    }

    private static async Task<IActionResult> RenderAgainAsync(PageHandlerExecutingContext context, IEnumerable<ValidationFailure> failures)
    {
        // Only the validators' messages show, in their plain words, not the model binder's as well.
        context.ModelState.Clear();
        var form = FormFields.Of(context.ActionDescriptor.HandlerTypeInfo, context.HandlerMethod?.MethodInfo);
        foreach (var failure in failures) context.ModelState.AddModelError(form.KeyFor(failure.PropertyName), Words.Current[failure.ErrorMessage]);
        try
        {
            if (context.HandlerInstance is AppPageModel page) await page.LoadAsync();
        }
        catch (ValidationException e)
        {
            return NotFound(context.HttpContext, e.Errors);
        }
        return new PageResult();
    }

    private static NotFoundResult NotFound(HttpContext http, IEnumerable<ValidationFailure> failures)
    {
        http.Items[OutcomeExceptionFilter.MessageKey] = Sentences(failures);
        return new NotFoundResult();
    }

    /// <summary>
    /// A validator's message is already in the reader's language (<see cref="TranslatedMessages"/>); a handler's own
    /// failure is its English text, the resource key, and is translated here.
    /// </summary>
    private static string Sentences(IEnumerable<ValidationFailure> failures) => string.Join(" ", failures.Select(f => Words.Current[f.ErrorMessage]));

    private sealed record FormFields(string Prefix, IReadOnlyList<ErrorFieldAttribute> Renames)
    {
        public static FormFields Of(TypeInfo page, MethodInfo? handler)
        {
            var prefix = handler?.GetCustomAttribute<FormPrefixAttribute>() ?? page.GetCustomAttribute<FormPrefixAttribute>();
            var renames = (handler?.GetCustomAttributes<ErrorFieldAttribute>() ?? []).Concat(page.GetCustomAttributes<ErrorFieldAttribute>()).ToList();
            return new FormFields(prefix?.Prefix ?? "", renames);
        }

        public string KeyFor(string property)
        {
            if (string.IsNullOrEmpty(property)) return "";
            var rename = Renames.FirstOrDefault(r => property == r.Property || property.StartsWith(r.Property + "[", StringComparison.Ordinal));
            if (rename is not null) return rename.Field;
            return Prefix.Length == 0 ? property : $"{Prefix}.{property}";
        }
    }
}

/// <summary>
/// The name a page handler binds its command's fields under (<c>Input</c> for <c>Input.Email</c>), so a validation message
/// about the command's <c>Email</c> shows next to <c>Input.Email</c>. On a page model it covers every handler; on a
/// handler it covers that one. Without it, the command's property names are the field names.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class FormPrefixAttribute(string prefix) : Attribute
{
    public string Prefix { get; } = prefix;
}

/// <summary>
/// A command property that the form shows under another field (its full name, as <c>asp-validation-for</c> writes it).
/// Messages about the property's items (<c>Property[0]</c>) go there too.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class ErrorFieldAttribute(string property, string field) : Attribute
{
    public string Property { get; } = property;
    public string Field { get; } = field;
}
