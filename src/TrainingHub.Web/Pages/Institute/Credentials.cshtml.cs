using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Mediator;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.Institute;

public sealed class InstituteCredentialsModel(ISender sender, IStringLocalizer<SharedResource> L) : AppPageModel(sender)
{
    public OutsideCertificateQueue.Result Queue { get; private set; } = null!;

    public ListExamPasses.Result Exams { get; private set; } = null!;

    [BindProperty]
    public ExamInput Exam { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    public sealed class ExamInput
    {
        public string? PersonEmail { get; set; }
        public string? ExamId { get; set; }
        public DateOnly? PassedOn { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    [FormPrefix(nameof(Exam))]
    public async Task<IActionResult> OnPostExamAsync()
    {
        await Sender.Send(new RecordExamPass.Command(PersonId, Exam.PersonEmail, Exam.ExamId, Exam.PassedOn));
        Done = L["The exam pass is recorded. It counts toward the person's credentials now."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid withdrawId, string? withdrawReason)
    {
        await Sender.Send(new WithdrawExamPass.Command(PersonId, withdrawId, withdrawReason));
        Done = L["The exam record is withdrawn. It no longer counts."];
        return RedirectToPage();
    }

    protected internal override async Task LoadAsync()
    {
        Queue = await Sender.Send(new OutsideCertificateQueue.Query(PersonId));
        Exams = await Sender.Send(new ListExamPasses.Query(PersonId));
    }
}
