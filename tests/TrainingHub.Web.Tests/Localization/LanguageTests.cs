using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Web.Tests.Pages;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>Choosing a language: the browser's before sign-in, a switch on every page, the person's saved choice after.</summary>
[Collection(SiteCollection.Name)]
public sealed class LanguageTests(SiteFactory site)
{
    [Fact]
    public async Task A_browser_asking_for_Spanish_gets_the_sign_in_page_in_Spanish_with_its_language_and_title()
    {
        var client = site.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-MX"));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en", 0.5));
        var page = Decoded(await client.GetStringAsync("/account/sign-in"));
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>Iniciar sesión – TrainingHub</title>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"Input_Email\">Correo electrónico</label>", page, StringComparison.Ordinal);
        // The switch offers the other language in its own words.
        Assert.Contains("value=\"en\" lang=\"en\" class=\"link-button\">English</button>", page, StringComparison.Ordinal);

        var english = Decoded(await site.Anonymous().GetStringAsync("/account/sign-in"));
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<title>Sign in – TrainingHub</title>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_remembers_the_choice_in_the_browser_and_goes_back_to_the_page()
    {
        var client = site.Anonymous();
        var chosen = await SiteFactory.PostForm(client, "/language", new() { ["language"] = "es", ["ReturnUrl"] = "/account/forgot-password" }, formPage: "/account/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/account/forgot-password", chosen.Headers.Location!.OriginalString);
        Assert.Contains("<h1>¿Olvidó su contraseña?</h1>", Decoded(await client.GetStringAsync("/account/forgot-password")), StringComparison.Ordinal);

        // Not to another site, and not a language the site is not written in.
        var away = await SiteFactory.PostForm(client, "/language", new() { ["language"] = "en", ["ReturnUrl"] = "https://example.org/" }, formPage: "/account/sign-in");
        Assert.Equal("/", away.Headers.Location!.OriginalString);
        var unknown = await SiteFactory.PostForm(client, "/language", new() { ["language"] = "fr" }, formPage: "/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Choose English or Español.", Decoded(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_persons_choice_is_saved_and_follows_them_to_another_browser()
    {
        var (id, email) = await SiteConsentTests.TraineeOfB(site, "Lucia Ramirez");
        var phone = await site.SignedIn(email);
        var bad = await SiteFactory.PostForm(phone, "/language", new() { ["language"] = "xx" }, formPage: "/dashboard");
        Assert.Contains("Choose English or Español.", Decoded(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await site.Db(db => db.Users.Where(u => u.Id == id).Select(u => u.PreferredLanguage).SingleAsync()));

        var chosen = await SiteFactory.PostForm(phone, "/language", new() { ["language"] = "es", ["ReturnUrl"] = "/dashboard" }, formPage: "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("es", await site.Db(db => db.Users.Where(u => u.Id == id).Select(u => u.PreferredLanguage).SingleAsync()));
        Assert.Contains(">Mis horas</a>", Decoded(await phone.GetStringAsync("/dashboard")), StringComparison.Ordinal);

        // Another browser with English settings: once signed in, the saved choice wins.
        var laptop = await site.SignedIn(email);
        laptop.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        var page = Decoded(await laptop.GetStringAsync("/dashboard"));
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains(">Cerrar sesión</button>", page, StringComparison.Ordinal);
    }
}
