using Microsoft.AspNetCore.Mvc;
using Mediator;
using Microsoft.Extensions.Localization;
using TrainingHub.Domain;
using TrainingHub.Content;
using TrainingHub.Features.Catalog;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Reflections;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Web.Infrastructure;
using TrainingHub.Web.Pages.Shared;

namespace TrainingHub.Web.Pages.Courses;

public sealed class LessonModel(ISender sender, IStringLocalizer<SharedResource> l) : AppPageModel(sender)
{
    /// <summary>The trainee's own attempt at a self-paced activity, posted to see its model answer.</summary>
    [BindProperty]
    public AttemptInput Attempt { get; set; } = new();

    public sealed class AttemptInput
    {
        public string? Text { get; set; }
        public bool Skip { get; set; }
    }

    /// <summary>Set once the trainee has written an attempt or chosen to skip.</summary>
    public RevealModelAnswer.Result? ModelAnswer { get; private set; }

    public GetLesson.Result View { get; private set; } = null!;

    /// <summary>On a live lesson, the trainee's course when they are in no group (the page says live lessons need one); null otherwise.</summary>
    public GroupNeed.Result? NeedsGroup { get; private set; }

    /// <summary>The facilitator's guide, asked for only when the sign-in's roles say staff (trainees' page stays one query); the query checks the roles again.</summary>
    public GetFacilitatorGuide.Result? Guide { get; private set; }

    /// <summary>The person's upcoming sessions of this lesson, when it is live.</summary>
    public IReadOnlyList<SessionDetails> Sessions { get; private set; } = [];

    /// <summary>The note as posted, shown again when it was refused.</summary>
    [BindProperty]
    public string? Note { get; set; }

    [TempData]
    public string? NoteDone { get; set; }

    public Task OnGetAsync(string courseId, string lessonId) => ShowAsync(courseId, lessonId);

    [TrainingHub.Web.Infrastructure.ErrorField(nameof(SaveReflection.Command.Text), nameof(Note))]
    public async Task<IActionResult> OnPostReflectionAsync(string courseId, string lessonId)
    {
        await Sender.Send(new SaveReflection.Command(PersonId, courseId, lessonId, Note));
        NoteDone = l["Your note is saved. Only you can read it."];
        return Redirect($"/courses/{Uri.EscapeDataString(courseId)}/lessons/{Uri.EscapeDataString(lessonId)}#reflection");
    }

    public async Task<IActionResult> OnPostDeleteReflectionAsync(string courseId, string lessonId, Guid noteId)
    {
        await Sender.Send(new DeleteReflection.Command(PersonId, noteId));
        NoteDone = l["Your note is deleted. It is gone for good."];
        return Redirect($"/courses/{Uri.EscapeDataString(courseId)}/lessons/{Uri.EscapeDataString(lessonId)}#reflection");
    }

    protected internal override Task LoadAsync() =>
        ShowAsync(RouteData.Values["courseId"] as string ?? "", RouteData.Values["lessonId"] as string ?? "");

    private async Task ShowAsync(string courseId, string lessonId)
    {
        var staff = User.IsInRole(Roles.Facilitator) || User.IsInRole(Roles.InstituteAdmin);
        View = await Sender.Send(new GetLesson.Query(courseId, lessonId, PersonId, staff));
        if (staff && View.Lesson.Delivery == LessonDelivery.Live)
        {
            Guide = await Sender.Send(new GetFacilitatorGuide.Query(PersonId, courseId, lessonId, Optional: true));
        }
        if (View.Lesson.Delivery == LessonDelivery.Live && View.Record is not null)
        {
            Sessions = await Sender.Send(new MyUpcomingSessions.Query(PersonId, View.Course.Id, View.Lesson.Id));
            NeedsGroup = await Sender.Send(new GroupNeed.Query(PersonId, View.Course.Id));
        }
    }

    [ErrorField(nameof(RevealModelAnswer.Query.Attempt), "Attempt.Text")]
    public async Task<IActionResult> OnPostModelAnswerAsync(string courseId, string lessonId)
    {
        await OnGetAsync(courseId, lessonId);
        ModelAnswer = await Sender.Send(new RevealModelAnswer.Query(courseId, lessonId, Attempt.Text, Attempt.Skip));
        return Page();
    }

    public sealed record HeartbeatInput(Guid BeatId, DateTime? ClientSentAt, bool Starting, bool ReachedEnd);

    /// <summary>The lesson page's heartbeat (JSON). Refusals answer 400 or 403 with a reason.</summary>
    public async Task<IActionResult> OnPostHeartbeatAsync(string courseId, string lessonId, [FromBody] HeartbeatInput? input)
    {
        if (input is null) return new JsonResult(new { error = l["The heartbeat could not be read."].Value }) { StatusCode = StatusCodes.Status400BadRequest };
        try
        {
            var sentAt = input.ClientSentAt?.ToUniversalTime();
            var result = await Sender.Send(new RecordHeartbeat.Command(PersonId, courseId, lessonId, input.BeatId, sentAt, input.Starting, input.ReachedEnd));
            if (result.Outcome == RecordHeartbeat.Outcome.FromTheFuture)
            {
                return new JsonResult(new { error = l["Your device's clock is ahead of ours, so this time was not recorded. Check the date and time on your device."].Value })
                { StatusCode = StatusCodes.Status400BadRequest };
            }
            var needed = (int)Math.Ceiling(result.RequiredSeconds / 60.0);
            var counted = Math.Min(result.ActiveSeconds / 60, needed);
            return new JsonResult(new
            {
                outcome = result.Outcome.ToString(),
                creditedSeconds = result.CreditedSeconds,
                activeSeconds = result.ActiveSeconds,
                requiredSeconds = result.RequiredSeconds,
                reachedEnd = result.ReachedEnd,
                lessonComplete = result.LessonComplete,
                statusText = SeatTimeView.StatusText(l, result.LessonComplete, counted, needed, result.ReachedEnd),
                leftText = SeatTimeView.LeftText(l, result.LessonComplete, (int)Math.Ceiling(Math.Max(0, result.RequiredSeconds - result.ActiveSeconds) / 60.0)),
                milestoneText = SeatTimeView.MilestoneText(l, counted, needed),
            });
        }
        catch (ForbiddenException e)
        {
            return new JsonResult(new { error = e.Message }) { StatusCode = StatusCodes.Status403Forbidden };
        }
    }
}
