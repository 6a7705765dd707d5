using Mediator;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Domain;
using TrainingHub.Features.Catalog;

namespace TrainingHub.Web.Pages.Search;

/// <summary>Lessons for everyone signed in, and the people of their own sites for site staff; bad input is refused by the query's validator.</summary>
public sealed class SearchModel(ISender sender) : AppPageModel(sender)
{
    [BindProperty]
    public string? Text { get; set; }

    public TrainingHub.Features.Catalog.Search.Result? Found { get; private set; }

    /// <summary>Staff search people too; the query checks their sites again.</summary>
    public bool Staff => User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.SiteCoordinator) || User.IsInRole(Roles.InstituteAdmin);

    public void OnGet()
    {
    }

    public async Task OnPostAsync() => Found = await Sender.Send(new TrainingHub.Features.Catalog.Search.Query(PersonId, Text, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName));
}
