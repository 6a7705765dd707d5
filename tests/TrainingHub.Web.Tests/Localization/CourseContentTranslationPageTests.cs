using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>
/// A Spanish reader meets the MAT course's headings and the code of ethics in Spanish; what they sign is the original's
/// version and hash.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class CourseContentTranslationPageTests(SiteFactory site)
{
    private const string CodeUrl = "/my/code-of-ethics/peer-recovery-code-of-ethics";

    private static HttpClient InSpanish(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-US"));
        return client;
    }

    [Fact]
    public async Task A_Spanish_reader_sees_the_MAT_course_module_and_lesson_headings_in_Spanish()
    {
        var client = InSpanish(await site.SignedIn(DemoAccounts.Facilitator));
        var overview = Decoded(await client.GetStringAsync("/courses/mat"));
        Assert.Contains("<h1 data-content>Medicamentos para el trastorno por consumo de opioides (MAT)</h1>", overview, StringComparison.Ordinal);
        Assert.Contains("El trastorno por consumo de opioides y sus medicamentos", overview, StringComparison.Ordinal);
        Assert.Contains("Vivir la recuperación con medicamento y apoyarla", overview, StringComparison.Ordinal);
        Assert.Contains("Mitos, datos y las palabras que usamos", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Living and supporting recovery on medication", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Myths, facts and the words we use", overview, StringComparison.Ordinal);

        var lesson = Decoded(await client.GetStringAsync("/courses/mat/lessons/mat-how-the-medications-work"));
        Assert.Contains("Medicamentos para el trastorno por consumo de opioides (MAT)</a> › El trastorno por consumo de opioides y sus medicamentos", lesson, StringComparison.Ordinal);
        Assert.Contains("<h1 lang=\"es\" data-content>Cómo funcionan la metadona, la buprenorfina y la naltrexona</h1>", lesson, StringComparison.Ordinal);
        Assert.DoesNotContain("Understanding opioid use disorder and its medications", lesson, StringComparison.Ordinal);

        var catalog = Decoded(await client.GetStringAsync("/courses"));
        Assert.Contains("Medicamentos para el trastorno por consumo de opioides (MAT)", catalog, StringComparison.Ordinal);

        var english = Decoded(await (await site.SignedIn(DemoAccounts.Facilitator)).GetStringAsync("/courses/mat"));
        Assert.Contains("<h1 data-content>Medications for Opioid Use Disorder (MAT)</h1>", english, StringComparison.Ordinal);
        Assert.Contains("Living and supporting recovery on medication", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Spanish_reader_reads_the_code_of_ethics_in_Spanish_and_signs_the_original_version()
    {
        var (_, id, client) = await site.NewTraineeAsync(DemoData.SiteB, "Marisol Vega");
        InSpanish(client);
        var code = site.Services.GetRequiredService<CourseCatalog>().FindCode("peer-recovery-code-of-ethics")!;

        var page = Decoded(await client.GetStringAsync(CodeUrl));
        Assert.Contains("<h1 lang=\"es\" data-content>Código de ética de la recuperación entre pares</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<article class=\"code-of-ethics\" lang=\"es\" data-content>", page, StringComparison.Ordinal);
        Assert.Contains("Me mantengo en mi papel", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"Input_Confirmed\" lang=\"es\" data-content>He leído este código de ética.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("I stay in my role", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.Version\" value=\"{code.Version}\"", page, StringComparison.Ordinal);

        var token = await TokenFrom(client, CodeUrl);
        var signed = await PostWithToken(client, CodeUrl,
            new() { ["Input.Version"] = code.Version, ["Input.Confirmed"] = "true", ["Input.TypedName"] = "Marisol Vega" }, token);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var signature = await site.Db(db => db.EthicsCodeSignatures.SingleAsync(s => s.PersonId == id));
        Assert.Equal((code.Id, code.Version, code.ContentHash, code.Statement), (signature.CodeId, signature.Version, signature.ContentHash, signature.Statement));
    }
}
