using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Catalog;
using TrainingHub.Features.Sessions;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Facilitate;

public sealed class SessionModel(ISender sender) : AppPageModel(sender)
{
    public SessionAttendance.Result View { get; private set; } = null!;

    [FromRoute]
    public Guid SessionId { get; set; }

    [BindProperty]
    public List<MarkInput> Marks { get; set; } = [];

    [BindProperty]
    public string? CorrectionReason { get; set; }

    [BindProperty]
    public string? MakeUpEmail { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Saved { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public TimeOnly? StartTime { get; set; }

    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public string? VideoLink { get; set; }

    [BindProperty]
    public string? CancelReason { get; set; }

    /// <summary>A trainee of another site was asked to make up here; they join the list when they accept.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Asked { get; set; }

    public sealed class MarkInput
    {
        public string PersonId { get; set; } = "";
        public bool? Present { get; set; }
        public int? FromMinute { get; set; }
        public int? ToMinute { get; set; }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Date = DateOnly.FromDateTime(View.StartsAtLocal);
        StartTime = TimeOnly.FromDateTime(View.StartsAtLocal);
        Place = View.Session.Place;
        VideoLink = View.Session.VideoLink;
    }

    public async Task<IActionResult> OnPostChangeAsync()
    {
        var changed = await Sender.Send(new ChangeSession.Command(PersonId, SessionId, Date, StartTime, Place, VideoLink));
        return RedirectToPage(new { sessionId = SessionId, Done = changed ? "changed" : "unchanged" });
    }

    [ErrorField(nameof(CancelSession.Command.Reason), nameof(CancelReason))]
    public async Task<IActionResult> OnPostCancelAsync()
    {
        await Sender.Send(new CancelSession.Command(PersonId, SessionId, CancelReason));
        return RedirectToPage(new { sessionId = SessionId, Done = "cancelled" });
    }

    public async Task<IActionResult> OnPostAttendanceAsync()
    {
        var marks = Marks.Where(m => m.Present is not null)
            .Select(m => new RecordAttendance.Mark(m.PersonId, m.Present!.Value, m.FromMinute, m.ToMinute)).ToList();
        var changed = await Sender.Send(new RecordAttendance.Command(PersonId, SessionId, marks, CorrectionReason));
        return RedirectToPage(new { sessionId = SessionId, Saved = changed });
    }

    [ErrorField(nameof(AddMakeUpAttendee.Command.Email), nameof(MakeUpEmail))]
    public async Task<IActionResult> OnPostMakeUpAsync()
    {
        var result = await Sender.Send(new AddMakeUpAttendee.Command(PersonId, SessionId, MakeUpEmail ?? ""));
        return RedirectToPage(new { sessionId = SessionId, Asked = result.AwaitingConsent });
    }

    /// <summary>The lesson's facilitator's guide; empty for a site coordinator, as the guide query shows it to facilitators and institute admins only.</summary>
    public GetFacilitatorGuide.Result Guide { get; private set; } = null!;

    protected internal override async Task LoadAsync()
    {
        View = await Sender.Send(new SessionAttendance.Query(PersonId, SessionId));
        Guide = await Sender.Send(new GetFacilitatorGuide.Query(PersonId, View.Session.CourseId, View.Session.LessonId, Optional: true));
    }
}
