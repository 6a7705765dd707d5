using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Web.Tests.Pages;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>The inviter chooses the language of an invitation; a validation message reaches a Spanish reader in Spanish.</summary>
[Collection(SiteCollection.Name)]
public sealed class InvitationLanguageTests(SiteFactory site)
{
    private static readonly Guid A = DemoData.SiteA;

    [Fact]
    public async Task A_person_invited_in_Spanish_is_emailed_in_Spanish_and_the_join_page_opens_in_Spanish()
    {
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var invited = await SiteFactory.PostForm(coordinator, $"/sites/{A}/people?handler=Invite", new()
        {
            ["Input.FullName"] = "Marisol Fuentes", ["Input.Email"] = "marisol.fuentes@example.org", ["Input.Role"] = Roles.Supervisor, ["Input.Language"] = "es",
        }, formPage: $"/sites/{A}/people");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Equal("es", await site.Db(db => db.Users.Where(u => u.Email == "marisol.fuentes@example.org").Select(u => u.PreferredLanguage).SingleAsync()));

        var join = Decoded(await site.Anonymous().GetStringAsync(site.LatestJoinPath("marisol.fuentes@example.org")));
        Assert.Contains("<html lang=\"es\">", join, StringComparison.Ordinal);
        Assert.Contains("Elija su contraseña", join, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Spanish_reader_posting_an_invitation_in_an_unknown_language_sees_the_message_in_Spanish_and_nothing_is_written()
    {
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        coordinator.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-MX"));
        var mails = site.MailCount();
        var refused = await SiteFactory.PostForm(coordinator, $"/sites/{A}/people?handler=Invite", new()
        {
            ["Input.FullName"] = "Chris Vega", ["Input.Email"] = "chris.vega@example.org", ["Input.Role"] = Roles.Supervisor, ["Input.Language"] = "fr",
        }, formPage: $"/sites/{A}/people");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Elija English o Español para la invitación.", Decoded(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await site.Db(db => db.Users.AnyAsync(u => u.Email == "chris.vega@example.org")));
        Assert.Equal(mails, site.MailCount());
    }
}
