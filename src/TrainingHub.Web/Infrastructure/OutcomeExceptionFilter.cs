using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using TrainingHub.Features.Shared;
using TrainingHub.Localization;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Turns a handler's "not found" and "not yours" into 404 and 403 pages, so page models stay one line per handler. The
/// handler's English message is the resource key: the reader gets it in their language.
/// </summary>
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
                context.HttpContext.Items[MessageKey] = Words.Current[e.Message];
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case ForbiddenException e:
                context.HttpContext.Items[MessageKey] = Words.Current[e.Message];
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                executed.ExceptionHandled = true;
                break;
        }
    }
}
