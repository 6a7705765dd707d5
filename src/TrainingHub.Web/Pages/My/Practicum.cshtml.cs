using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Practicum;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.My;

[FormPrefix(nameof(Input))]
public sealed class MyPracticumModel(ISender sender, CourseCatalog catalog) : AppPageModel(sender)
{
    public MyPracticum.Result Log { get; private set; } = null!;

    public IReadOnlyList<TrainingDomain> Domains => catalog.Domains;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Logged { get; set; }

    public sealed class InputModel
    {
        public PracticumKind Kind { get; set; } = PracticumKind.Experience;
        public DateOnly? Date { get; set; }
        public decimal? Hours { get; set; }
        public string? Domain { get; set; }
        public string? Setting { get; set; }
        public string? Description { get; set; }
        public string? SupervisorName { get; set; }
        public Guid? ResubmitsId { get; set; }
        public Guid? SiteId { get; set; }
    }

    public async Task OnGetAsync(Guid? resubmit)
    {
        await LoadAsync();
        if (resubmit is { } id && Log.Entries.FirstOrDefault(e => e.Id == id) is { } previous)
        {
            Input = new InputModel
            {
                Kind = previous.Kind, Date = previous.Date, Hours = previous.Hours, Setting = previous.Setting, Description = previous.Description,
                SupervisorName = previous.SupervisorName, ResubmitsId = previous.Id,
                Domain = Domains.FirstOrDefault(d => d.Name == previous.DomainName)?.Tag,
            };
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Sender.Send(new LogPracticum.Command(PersonId, Input.Kind, Input.Date, Input.Hours, Input.Domain, Input.Setting, Input.Description,
            Input.SupervisorName, Input.ResubmitsId, Input.SiteId));
        return RedirectToPage(new { Logged = true });
    }

    protected internal override async Task LoadAsync() => Log = await Sender.Send(new MyPracticum.Query(PersonId));
}
