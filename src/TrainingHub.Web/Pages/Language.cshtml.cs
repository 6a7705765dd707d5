using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages;

/// <summary>
/// The language switch: remembered in this browser, and saved to the person's profile when they are signed in (their
/// sign-in cookie is renewed so the choice follows them to every page at once).
/// </summary>
public sealed class LanguageModel(ISender sender, SignInManager<Person> signIn) : AppPageModel(sender)
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? language)
    {
        if (PersonIdOrNull is { } personId)
        {
            await Sender.Send(new ChooseLanguage.Command(personId, language));
            if (await signIn.UserManager.GetUserAsync(User) is { } person) await signIn.RefreshSignInAsync(person);
        }
        else if (!SiteLanguages.IsSupported(language))
        {
            ModelState.AddModelError("language", "Choose English or Español.");
            return Page();
        }
        LocalizationComposition.RememberLanguage(Response, language!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
