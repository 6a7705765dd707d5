using System.Text;
using Microsoft.AspNetCore.Mvc;
using Mediator;
using Microsoft.Extensions.Localization;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Features.Sites.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Sites;

/// <summary>A roster file is checked first (a preview that changes nothing), then applied as a whole.</summary>
[RosterTooLarge]
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit, ValueLengthLimit = RequestLimit)]
public sealed class RosterModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    private const int RequestLimit = 4 * 1024 * 1024;

    [FromRoute]
    public Guid SiteId { get; set; }

    [FromRoute]
    public Guid CohortId { get; set; }

    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Csv { get; set; }

    public PreviewRoster.Result? Preview { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var roster = await Sender.Send(new GetCohortRoster.Query(PersonId, SiteId, CohortId));
        return roster.CanManage ? Page() : StatusCode(StatusCodes.Status403Forbidden);
    }

    public IActionResult OnGetTemplate() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(RosterFile.Template)).ToArray(), "text/csv", "roster-template.csv");

    [ErrorField(nameof(PreviewRoster.Query.Csv), nameof(Upload))]
    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload)
    {
        if (upload is { Length: > RosterFile.MaxCharacters })
        {
            ModelState.AddModelError(nameof(Upload), RosterTooLargeAttribute.Message);
            return Page();
        }
        Csv = "";
        if (upload is { Length: > 0 })
        {
            using var memory = new MemoryStream();
            await upload.CopyToAsync(memory);
            Csv = RosterFile.Decode(memory.ToArray());
        }
        Preview = await Sender.Send(new PreviewRoster.Query(PersonId, SiteId, CohortId, Csv));
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync()
    {
        var result = await Sender.Send(new ApplyRoster.Command(PersonId, SiteId, CohortId, Csv ?? ""));
        string[] parts =
        [
            L["{0, plural, one {# person is invited.} other {# people are invited.}}"].Plural(result.Invited + result.Added),
            result.AlreadyThere > 0 ? L["{0, plural, one {# was already on the roster.} other {# were already on the roster.}}"].Plural(result.AlreadyThere) : "",
            result.Skipped > 0 ? L["{0, plural, one {# line was left out.} other {# lines were left out.}}"].Plural(result.Skipped) : "",
            result.EmailsNotSent > 0 ? L["{0, plural, one {# email could not be sent: use \"Send a new link\" on the people page later.} other {# emails could not be sent: use \"Send a new link\" on the people page later.}}"].Plural(result.EmailsNotSent) : "",
        ];
        Done = string.Join(" ", parts.Where(p => p.Length > 0));
        return Redirect($"/sites/{SiteId}/cohorts/{CohortId}");
    }
}

internal sealed class RosterTooLargeAttribute : TooLargeMessageAttribute
{
    public static readonly string Message = $"The file is too large. A roster file can be up to {RosterFile.MaxCharacters / 1024} KB: split it into smaller files.";

    public override string For(IServiceProvider services) => Message;
}
