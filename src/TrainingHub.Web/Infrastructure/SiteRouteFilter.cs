using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using TrainingHub.Features.Shared;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Checks the site and cohort ids in a page's address on every request, before any handler runs: the site must be the
/// signed-in person's and the cohort must belong to it. Handlers check again for the exact role they need; this guard
/// means a page that forgot to would still not show another site's data.
/// </summary>
public sealed class SiteRouteFilter(SiteScope scope) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var values = context.RouteData.Values;
        if (!values.ContainsKey("siteId"))
        {
            await next();
            return;
        }
        var personId = context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (personId is null || !Guid.TryParse(values["siteId"]?.ToString(), out var siteId))
        {
            context.Result = new NotFoundResult();
            return;
        }
        Guid? cohortId = null;
        if (values.TryGetValue("cohortId", out var raw))
        {
            if (!Guid.TryParse(raw?.ToString(), out var parsed))
            {
                context.Result = new NotFoundResult();
                return;
            }
            cohortId = parsed;
        }
        try
        {
            await scope.RequireRouteAsync(personId, siteId, cohortId, context.HttpContext.RequestAborted);
        }
        catch (NotFoundException e)
        {
            context.HttpContext.Items[OutcomeExceptionFilter.MessageKey] = e.Message;
            context.Result = new NotFoundResult();
            return;
        }
        catch (ForbiddenException e)
        {
            context.HttpContext.Items[OutcomeExceptionFilter.MessageKey] = e.Message;
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }
}
