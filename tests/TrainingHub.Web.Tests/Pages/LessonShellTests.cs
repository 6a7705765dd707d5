using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.Reflections;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>
/// The self-paced lesson page served from a template Razor rendered (LessonShell): the same bytes Razor writes for each
/// person, each person's own values, and only after two people's pages agree outside the slots.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class LessonShellTests(SiteFactory site)
{
    private LessonShell Shell => site.Services.GetRequiredService<LessonShell>();

    /// <summary>The MAT course's first self-paced lesson.</summary>
    private Lesson SelfPaced() => site.Services.GetRequiredService<CourseCatalog>().Find("mat")!.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);

    private async Task<(string Id, HttpClient Client)> TraineeAsync(string name, Lesson lesson, int seconds, string note, string? language)
    {
        var (email, id) = await Seed.NewTraineeAsync(site.Services, DemoData.SiteA, name);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            await sender.Send(new Enroll.Command(id, lesson.CourseId));
            await sender.Send(new SaveReflection.Command(id, lesson.CourseId, lesson.Id, note));
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            db.SeatTimeTotals.Add(new SeatTimeTotal
            {
                PersonId = id, CourseId = lesson.CourseId, LessonId = lesson.Id, ActiveSeconds = seconds, ReachedEnd = false,
                Day = DateOnly.FromDateTime(DateTime.UtcNow), DaySeconds = seconds, Version = Guid.NewGuid(),
            });
            await db.SaveChangesAsync();
        }
        var client = await site.SignedIn(email);
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return (id, client);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Token();

    private static string WithoutTokens(string html) => Token().Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"…\"");

    [Theory]
    [InlineData(null)]
    [InlineData("es")]
    public async Task Each_trainee_gets_from_the_template_the_same_page_razor_rendered_for_them_with_their_own_values(string? language)
    {
        var lesson = SelfPaced();
        var url = $"/courses/{lesson.CourseId}/lessons/{lesson.Id}";
        // Same shape (incomplete, with a note), different values; notes that need encoding.
        var (_, ana) = await TraineeAsync($"Ana Shell {language}", lesson, 120, "Ana's note: <b>dose</b> & \"holidays\"", language);
        var (_, ben) = await TraineeAsync($"Ben Shell {language}", lesson, 420, "Ben wrote: días y café", language);
        Shell.Clear();
        var servedBefore = Shell.Served;

        var anaByRazor = await ana.GetAsync(url);
        var benByRazor = await ben.GetAsync(url);
        Assert.Equal(servedBefore, Shell.Served); // two people's Razor pages first: the template is confirmed by the second
        var anaFromTemplate = await ana.GetAsync(url);
        var benFromTemplate = await ben.GetAsync(url);
        Assert.Equal(servedBefore + 2, Shell.Served);

        foreach (var (razor, template) in new[] { (anaByRazor, anaFromTemplate), (benByRazor, benFromTemplate) })
        {
            Assert.Equal(HttpStatusCode.OK, template.StatusCode);
            Assert.Equal(WithoutTokens(await razor.Content.ReadAsStringAsync()), WithoutTokens(await template.Content.ReadAsStringAsync()));
            foreach (var header in new[] { "Cache-Control", "Pragma", "X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy" })
            {
                Assert.Equal(string.Join(",", razor.Headers.Concat(razor.Content.Headers).Where(h => h.Key == header).SelectMany(h => h.Value)),
                    string.Join(",", template.Headers.Concat(template.Content.Headers).Where(h => h.Key == header).SelectMany(h => h.Value)));
            }
            Assert.Equal(razor.Content.Headers.ContentType?.ToString(), template.Content.Headers.ContentType?.ToString());
        }
        var anaPage = WebUtility.HtmlDecode(await anaFromTemplate.Content.ReadAsStringAsync());
        var benPage = WebUtility.HtmlDecode(await benFromTemplate.Content.ReadAsStringAsync());
        Assert.Contains("Ana's note: <b>dose</b> & \"holidays\"", anaPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben wrote", anaPage, StringComparison.Ordinal);
        Assert.Contains("Ben wrote: días y café", benPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana's note", benPage, StringComparison.Ordinal);
        Assert.Contains("value=\"2\"", anaPage, StringComparison.Ordinal); // 120 s: two minutes on the bar
        Assert.Contains("value=\"7\"", benPage, StringComparison.Ordinal); // 420 s: seven
        // The encoded note in the page is the markup Razor writes (no raw tag from the note).
        Assert.DoesNotContain("<b>dose</b>", await anaFromTemplate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The form tokens are each person's own and valid: the note form still saves from the templated page.
        var form = await anaFromTemplate.Content.ReadAsStringAsync();
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var saved = await ana.PostAsync($"{url}?handler=Reflection", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Note"] = "Ana again",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, $"saving from the templated page answered {saved.StatusCode}");
        // The page after saving carries its message (TempData): a message waiting goes to Razor, never to a template without it.
        var served = Shell.Served;
        var shown = saved.StatusCode == HttpStatusCode.OK ? await saved.Content.ReadAsStringAsync() : await ana.GetStringAsync(url);
        Assert.Contains(language is null ? "Your note is saved. Only you can read it." : "Su nota está guardada. Solo usted puede leerla.", WebUtility.HtmlDecode(shown), StringComparison.Ordinal);
        Assert.Equal(served, Shell.Served);
    }

    [Fact]
    public async Task A_page_asked_with_a_query_or_by_a_trainee_alone_in_a_shape_is_rendered_by_razor()
    {
        var lesson = SelfPaced();
        var (_, cleo) = await TraineeAsync("Cleo Shell", lesson, 60, "Cleo's note", null);
        Shell.Clear();
        var served = Shell.Served;
        for (var i = 0; i < 3; i++)
        {
            // One person alone never confirms a template: their page could hide a value that only differs between people.
            Assert.Equal(HttpStatusCode.OK, (await cleo.GetAsync($"/courses/{lesson.CourseId}/lessons/{lesson.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await cleo.GetAsync($"/courses/{lesson.CourseId}/lessons/{lesson.Id}?from=search")).StatusCode);
        }
        Assert.Equal(served, Shell.Served);
    }

    [Fact]
    public async Task Turned_off_in_the_settings_every_lesson_page_goes_to_razor()
    {
        var shell = new LessonShell(Microsoft.Extensions.Options.Options.Create(new LessonShell.Options { Enabled = false }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LessonShell>.Instance);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/courses/mat/lessons/anything";
        var razor = false;
        await shell.InvokeAsync(context, () => { razor = true; return Task.CompletedTask; });
        Assert.True(razor);
        Assert.Equal(0, shell.Served);
    }

    [Fact]
    public void Two_pages_that_differ_outside_their_slots_do_not_make_one_template()
    {
        static byte[] Page(string name) => Encoding.UTF8.GetBytes($"<p>{name}</p><p>\u00010\u0002</p><input value=\"TOKEN\">");
        var ana = LessonShell.Make(Page("Ana"), [("status", "2 of 15 minutes")], "TOKEN")!;
        var anaAgain = LessonShell.Make(Page("Ana"), [("status", "9 of 15 minutes")], "TOKEN")!;
        var ben = LessonShell.Make(Page("Ben"), [("status", "2 of 15 minutes")], "TOKEN")!;
        Assert.True(ana.SameAs(anaAgain));
        Assert.False(ana.SameAs(ben));
        Assert.Equal(["status", "token"], ana.Slots);
        // No template from a slot the template path cannot fill, a name written with two values, or a stray marker.
        Assert.Null(LessonShell.Make(Page("Ana"), [("shoe-size", "9")], "TOKEN"));
        Assert.Null(LessonShell.Make(Encoding.UTF8.GetBytes("<p>\u00010\u0002 \u00011\u0002</p>"), [("status", "a"), ("status", "b")], "TOKEN"));
        Assert.Null(LessonShell.Make(Encoding.UTF8.GetBytes("<p>\u00017\u0002</p>"), [("status", "a")], "TOKEN"));
        Assert.Null(LessonShell.Make(Encoding.UTF8.GetBytes("<p>\u00010</p>"), [("status", "a")], "TOKEN"));
    }
}
