using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Sessions;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Facilitate;

public sealed class SessionModel(ISender sender) : AppPageModel(sender)
{
    public SessionAttendance.Result View { get; private set; } = null!;

    [BindProperty]
    public List<MarkInput> Marks { get; set; } = [];

    [BindProperty]
    public string? CorrectionReason { get; set; }

    [BindProperty]
    public string? MakeUpEmail { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Saved { get; set; }

    public sealed class MarkInput
    {
        public string PersonId { get; set; } = "";
        public bool? Present { get; set; }
        public int? FromMinute { get; set; }
        public int? ToMinute { get; set; }
    }

    public async Task OnGetAsync(Guid sessionId) => View = await Sender.Send(new SessionAttendance.Query(PersonId, sessionId));

    public async Task<IActionResult> OnPostAttendanceAsync(Guid sessionId)
    {
        try
        {
            var marks = Marks.Where(m => m.Present is not null)
                .Select(m => new RecordAttendance.Mark(m.PersonId, m.Present!.Value, m.FromMinute, m.ToMinute)).ToList();
            var changed = await Sender.Send(new RecordAttendance.Command(PersonId, sessionId, marks, CorrectionReason));
            return RedirectToPage(new { sessionId, Saved = changed });
        }
        catch (ValidationException e)
        {
            ModelState.Clear();
            ModelState.AddValidationErrors(e, prefix: "");
            View = await Sender.Send(new SessionAttendance.Query(PersonId, sessionId));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostMakeUpAsync(Guid sessionId)
    {
        try
        {
            await Sender.Send(new AddMakeUpAttendee.Command(PersonId, sessionId, MakeUpEmail ?? ""));
            return RedirectToPage(new { sessionId });
        }
        catch (ValidationException e)
        {
            ModelState.Clear();
            foreach (var f in e.Errors) ModelState.AddModelError(nameof(MakeUpEmail), f.ErrorMessage);
            View = await Sender.Send(new SessionAttendance.Query(PersonId, sessionId));
            return Page();
        }
    }
}
