using Microsoft.Extensions.Localization;
using TrainingHub.Domain;

namespace TrainingHub.Web.Pages.Sites;

/// <summary>The words for a site's status, a role and a way of delivering hours, in the reader's language (the handlers keep codes).</summary>
public static class StaffWords
{
    public static string SiteStatus(IStringLocalizer L, Domain.SiteStatus status) => status switch
    {
        Domain.SiteStatus.Invited => L["Invited"],
        Domain.SiteStatus.Onboarding => L["Setting up"],
        Domain.SiteStatus.AwaitingReview => L["Waiting for review"],
        Domain.SiteStatus.Active => L["Open"],
        _ => L["Paused"],
    };

    public static string Role(IStringLocalizer L, string role) => role switch
    {
        Roles.SiteCoordinator => L["Site coordinator"],
        Roles.InstituteAdmin => L["Institute admin"],
        Roles.Supervisor => L["Supervisor"],
        Roles.Facilitator => L["Facilitator"],
        Roles.Trainee => L["Trainee"],
        _ => role,
    };

    public static string DeliveryMode(IStringLocalizer L, Domain.DeliveryMode mode) => mode switch
    {
        Domain.DeliveryMode.InPerson => L["In person"],
        Domain.DeliveryMode.LiveVirtual => L["Live online"],
        Domain.DeliveryMode.Blended => L["Some sessions in person, some online"],
        _ => L["Self-paced, with check-ins"],
    };
}
