using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using TrainingHub.Features.Shared;

namespace TrainingHub.Web.Pages;

/// <summary>What every page model shares: the mediator and the signed-in person's id.</summary>
public abstract class AppPageModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    /// <summary>The signed-in person's id; only called on pages that require sign-in.</summary>
    protected string PersonId => User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("This page requires a signed-in person.");

    protected string? PersonIdOrNull => User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>
    /// Loads what the page shows besides the posted form (lists, the record being edited). A refused command leaves the
    /// form as posted; <see cref="Infrastructure.ValidationPageFilter"/> calls this, then renders the page with the messages.
    /// </summary>
    protected internal virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>A text in the reader's language, for what a page writes outside Razor (CSV and workbook headings).</summary>
    protected string Words(string english) => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[english];

    /// <summary>A small CSV as a download: UTF-8 with a byte-order mark, as spreadsheets open it.</summary>
    protected FileContentResult CsvDownload(string csv, string fileName) => File(Csv.FileBytes(csv), "text/csv", fileName);

    /// <summary>
    /// Streams a large download straight to the response as <paramref name="write"/> produces it, so the export never
    /// sits in memory whole. The headers go first; a failure after the first bytes ends the response.
    /// </summary>
    protected async Task<IActionResult> StreamDownload(string contentType, string fileName, Func<Stream, CancellationToken, Task> write)
    {
        Response.ContentType = contentType;
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        await write(Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }
}
