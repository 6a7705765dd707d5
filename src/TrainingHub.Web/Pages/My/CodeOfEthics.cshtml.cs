using Microsoft.AspNetCore.Mvc;
using Mediator;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages.My;

/// <summary>A trainee reads a code of ethics of content/codes/ and signs the version they read.</summary>
[FormPrefix(nameof(Input))]
[ErrorField(nameof(SignEthicsCode.Command.CodeId), "")]
[ErrorField(nameof(SignEthicsCode.Command.Version), "")]
public sealed class MyCodeOfEthicsModel(ISender sender) : AppPageModel(sender)
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public ViewEthicsCode.Result View { get; private set; } = null!;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? Done { get; set; }

    public sealed class InputModel
    {
        public string? Version { get; set; }
        public bool Confirmed { get; set; }
        public string? TypedName { get; set; }
    }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        await Sender.Send(new SignEthicsCode.Command(PersonId, View.Code.Id, Input.Version, Input.Confirmed, Input.TypedName));
        Done = string.Format(System.Globalization.CultureInfo.CurrentCulture, Words("Signed. Your signature of version {0} is kept with the date you signed."), View.Code.Version);
        return RedirectToPage(new { code = View.Code.Id });
    }

    protected internal override async Task LoadAsync() => View = await Sender.Send(new ViewEthicsCode.Query(PersonId, Code));
}
