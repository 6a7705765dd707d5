using System.Net;
using System.Net.Http.Headers;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>A Spanish reader reads a lesson in Spanish where it is translated, and in English with a note where it is not.</summary>
[Collection(SiteCollection.Name)]
public sealed class LessonTranslationPageTests(SiteFactory site)
{
    private async Task<HttpClient> SpanishFacilitator()
    {
        // A facilitator opens lessons without enrolling; no saved language, so the browser's Accept-Language decides.
        var client = await site.SignedIn(DemoAccounts.Facilitator);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-US"));
        return client;
    }

    [Fact]
    public async Task A_Spanish_reader_gets_the_translated_MAT_lesson_with_its_language_marked()
    {
        var client = await SpanishFacilitator();
        var response = await client.GetAsync("/courses/mat/lessons/mat-supporting-people-on-medication");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1 lang=\"es\" data-content>Cómo apoyar a las personas que toman medicamento en espacios de pares</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<article class=\"lesson-body\" lang=\"es\" data-content>", html, StringComparison.Ordinal);
        Assert.Contains("Partir de la decisión de la persona", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Start from the person's choice", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Esta lección aún no está traducida", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Spanish_reader_gets_an_untranslated_lesson_in_English_with_a_note_in_Spanish()
    {
        var client = await SpanishFacilitator();
        var html = Decoded(await client.GetStringAsync("/courses/ethics/lessons/eth-what-ethics-means"));
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("Esta lección aún no está traducida; se muestra en inglés.", html, StringComparison.Ordinal);
        Assert.Contains("<article class=\"lesson-body\" lang=\"en\" data-content>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_English_reader_gets_the_original_without_a_note()
    {
        var client = await site.SignedIn(DemoAccounts.Facilitator);
        var html = Decoded(await client.GetStringAsync("/courses/mat/lessons/mat-supporting-people-on-medication"));
        Assert.Contains("<h1 lang=\"en\" data-content>Supporting people on medication in peer settings</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Start from the person's choice", html, StringComparison.Ordinal);
        Assert.DoesNotContain("This lesson is not translated yet", html, StringComparison.Ordinal);
    }
}
