using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TrainingHub.Features;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Turns a handler's "not found" and "not yours" into 404 and 403 pages, so page models stay one line per handler.</summary>
public sealed class OutcomeExceptionFilter : IAsyncPageFilter
{
    public const string MessageKey = "TrainingHub.OutcomeMessage";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        switch (executed.Exception)
        {
            case NotFoundException e:
                context.HttpContext.Items[MessageKey] = e.Message;
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case ForbiddenException e:
                context.HttpContext.Items[MessageKey] = e.Message;
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                executed.ExceptionHandled = true;
                break;
        }
    }
}

public static class ModelStateExtensions
{
    /// <summary>Puts each validation message next to its field (Input.Email, ...), in the form's own words.</summary>
    public static void AddValidationErrors(this ModelStateDictionary modelState, ValidationException exception, string prefix = "Input")
    {
        foreach (var failure in exception.Errors)
        {
            var key = string.IsNullOrEmpty(failure.PropertyName) ? "" : string.IsNullOrEmpty(prefix) ? failure.PropertyName : $"{prefix}.{failure.PropertyName}";
            modelState.AddModelError(key, failure.ErrorMessage);
        }
    }
}
