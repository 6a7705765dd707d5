using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Sites.Cohorts;
using TrainingHub.Features.Sites.People;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>
/// The Spanish-speaking trainee's first steps on a phone, in Spanish from the invitation on (issue 19): the coordinator
/// invites her in Spanish, she joins from the e-mail's link, reads a MAT lesson in its Spanish translation, passes the
/// module's Spanish quiz and finds "Mis horas" in the menu. Every page at 375 px, axe clean.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SpanishJourneyTests(SiteFixture site)
{
    [Fact]
    public async Task A_Spanish_speaking_trainee_joins_by_invitation_reads_a_MAT_lesson_in_Spanish_passes_its_quiz_and_finds_Mis_horas_on_a_phone()
    {
        var course = site.Catalog.Find("mat")!;
        var module = course.Modules.First(m => m.Quiz is not null);
        var lesson = module.Lessons.First(l => site.Catalog.FindTranslation(course.Id, l.Id, SiteLanguages.Spanish) is not null);
        var translated = site.Catalog.FindTranslation(course.Id, lesson.Id, SiteLanguages.Spanish)!;
        var quiz = site.Catalog.FindQuizTranslation(course.Id, module.Id, SiteLanguages.Spanish)!.Quiz;
        var email = $"lucia.{Guid.NewGuid():N}@example.org";

        await InviteInSpanishAsync(course, email);
        var invitation = Directory.GetFiles(site.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal("Harbor Light Recovery Center le invita a TrainingHub", invitation.Subject);
        Assert.Contains("Abra este enlace para elegir su contraseña:", invitation.TextBody, StringComparison.Ordinal);
        var join = Regex.Match(invitation.TextBody ?? "", @"/account/join/[A-Za-z0-9_-]+").Value;

        var page = await site.NewPageAsync(new ViewportSize { Width = PageActions.PhoneWidth, Height = 740 });
        var problems = new List<string>();
        await page.GotoAsync(join);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByLabel("Su nombre completo")).ToHaveValueAsync("Lucía Morales");
        await page.GetByLabel("Elija una contraseña").FillAsync(DemoAccounts.Password);
        await page.GetByLabel("La misma contraseña otra vez").FillAsync(DemoAccounts.Password);
        await CheckAsync(page, problems);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar mi contraseña y empezar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        await page.GotoAsync($"/courses/{course.Id}/lessons/{lesson.Id}");
        await Expect(page.Locator("main > h1")).ToHaveTextAsync(translated.Title);
        await Expect(page.Locator("main > h1")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("article.lesson-body")).ToHaveAttributeAsync("lang", "es");
        await CheckAsync(page, problems);
        await page.PhoneScreenshotAsync("spanish-lesson");
        await page.SetViewportSizeAsync(PageActions.PhoneWidth, 740);

        await page.GotoAsync($"/courses/{course.Id}/modules/{module.Id}/quiz");
        var questions = page.Locator("fieldset.quiz-question");
        Assert.True(await questions.CountAsync() > 0, "The quiz page shows no questions.");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            // Found by the Spanish option text: each attempt shuffles the options, and the Spanish quiz keeps the English keys.
            var fieldset = questions.Nth(i);
            var name = await fieldset.Locator("input").First.GetAttributeAsync("name");
            foreach (var option in quiz.Questions.Single(q => name == $"answers[{q.Id}]").Options.Where(o => o.Correct))
            {
                await fieldset.GetByLabel(option.Text, new() { Exact = true }).CheckAsync();
            }
        }
        await CheckAsync(page, problems);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar mis respuestas" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Aprobó este cuestionario.");
        await CheckAsync(page, problems);

        await page.OpenMenuIfFoldedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mis horas", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mis horas");
        await CheckAsync(page, problems);
        await page.PhoneScreenshotAsync("spanish-my-hours");

        // Her credentials page, whose sentences the eligibility engine composes as facts and the page words in Spanish.
        await page.OpenMenuIfFoldedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mis credenciales", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mis credenciales");
        await CheckAsync(page, problems);
        await page.PhoneScreenshotAsync("spanish-my-credentials");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await using var scope = site.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users.Where(u => u.Email == email).Select(u => u.PreferredLanguage).SingleAsync();
        Assert.Equal(SiteLanguages.Spanish, saved);
    }

    /// <summary>The phone and desktop checks, then back to the phone the trainee uses.</summary>
    private static async Task CheckAsync(IPage page, List<string> problems)
    {
        problems.AddRange(await page.PhoneAndDesktopProblemsAsync());
        await page.SetViewportSizeAsync(PageActions.PhoneWidth, 740);
    }

    private async Task InviteInSpanishAsync(Course course, string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var coordinator = await db.Users.Where(u => u.Email == DemoAccounts.Coordinator).Select(u => u.Id).SingleAsync();
        var cohort = await sender.Send(new SaveCohort.Command(coordinator, DemoData.SiteA, null, "Grupo MAT en español", course.Id,
            DateOnly.FromDateTime(DateTime.UtcNow), "Sábados", DeliveryMode.InPerson, 12, null));
        await sender.Send(new InvitePerson.Command(coordinator, DemoData.SiteA, cohort, "Lucía Morales", email, Roles.Trainee, SiteLanguages.Spanish));
    }
}
