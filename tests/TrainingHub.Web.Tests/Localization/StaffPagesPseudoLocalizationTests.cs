using System.Net;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Sessions;
using TrainingHub.Infrastructure;
using TrainingHub.Web.Tests.Pages;

namespace TrainingHub.Web.Tests.Localization;

/// <summary>
/// "No string left behind" for the pages staff see: each staff role of the demo data signs in on a site whose localizer
/// marks every text it hands out, and each of that role's pages must show no unmarked text. What people typed or the
/// content files hold (names, sites, cohorts, course and checklist titles) is data, not the page's words: it is taken
/// out before the check. A site of its own, with a clock, so its sessions, sign-offs and certificates change no other test.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class StaffPagesPseudoLocalizationTests(StaffPagesPseudoLocalizationTests.StaffSite fixture) : IClassFixture<StaffPagesPseudoLocalizationTests.StaffSite>
{
    public sealed class StaffSite : IDisposable
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public SiteFactory Site { get; }

        /// <summary>The same site (database, clock) with the marking localizer; one host for every page, as starting one is slow.</summary>
        public WebApplicationFactory<Program> Marked { get; }

        private readonly Dictionary<string, HttpClient> clients = [];
        private readonly SemaphoreSlim signingIn = new(1, 1);

        public StaffSite()
        {
            Site = new SiteFactory { Clock = Clock };
            Marked = PseudoLocalization.Marked(Site);
        }

        public async Task<HttpClient> MarkedClientAsync(string email)
        {
            await signingIn.WaitAsync();
            try
            {
                if (clients.TryGetValue(email, out var known)) return known;
                var client = Marked.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                var signIn = await SiteFactory.PostForm(client, "/account/sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = DemoAccounts.Password });
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                return clients[email] = client;
            }
            finally { signingIn.Release(); }
        }

        /// <summary>After the clock jumps past the sign-in cookie's lifetime, each role signs in again.</summary>
        public void ForgetSignIns() => clients.Clear();

        public void Dispose()
        {
            Marked.Dispose();
            Site.Dispose();
        }
    }

    private SiteFactory Site => fixture.Site;

    private static readonly string SiteA = $"/sites/{DemoData.SiteA}";

    public static TheoryData<string, string> StaffPages() => new()
    {
        { DemoAccounts.Supervisor, "/supervise" },
        { DemoAccounts.Supervisor, "/supervise/profile" },
        { DemoAccounts.Supervisor, "/sites" },
        { DemoAccounts.Facilitator, "/facilitate" },
        { DemoAccounts.Facilitator, $"/facilitate/cohorts/{DemoData.CohortA}/quizzes" },
        { DemoAccounts.Facilitator, "/courses/recovery-coach/lessons/rc-welcome-and-coaching-role/guide" },
        { DemoAccounts.Coordinator, "/sites" },
        { DemoAccounts.Coordinator, $"{SiteA}/cohorts" },
        { DemoAccounts.Coordinator, $"{SiteA}/cohorts/{DemoData.CohortA}" },
        { DemoAccounts.Coordinator, $"{SiteA}/cohorts/{DemoData.CohortA}/roster" },
        { DemoAccounts.Coordinator, $"{SiteA}/people" },
        { DemoAccounts.Coordinator, $"{SiteA}/group-requests" },
        { DemoAccounts.Coordinator, $"{SiteA}/report" },
        { DemoAccounts.Coordinator, $"{SiteA}/credentials" },
        { DemoAccounts.Coordinator, $"{SiteA}/onboarding" },
        { DemoAccounts.CoordinatorC, "/sites" },
        { DemoAccounts.CoordinatorC, $"/sites/{DemoData.SiteC}/onboarding" },
        { DemoAccounts.Admin, "/institute" },
        { DemoAccounts.Admin, "/institute/sites" },
        { DemoAccounts.Admin, "/institute/sites/invite" },
        { DemoAccounts.Admin, $"/institute/sites/{DemoData.SiteA}" },
        { DemoAccounts.Admin, $"/institute/sites/{DemoData.SiteC}" },
        { DemoAccounts.Admin, "/institute/reports" },
        { DemoAccounts.Admin, "/institute/facilitators" },
        { DemoAccounts.Admin, "/institute/credentials" },
        { DemoAccounts.Admin, "/institute/credentials/held" },
        { DemoAccounts.Admin, "/institute/board-keys" },
        { DemoAccounts.Admin, "/admin/certificates" },
        { DemoAccounts.Admin, "/admin/outbox" },
        { DemoAccounts.Admin, "/admin/sign-offs" },
        { DemoAccounts.Admin, "/admin/supervisors" },
    };

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Every_visible_text_of_a_staff_page_comes_from_the_resources(string email, string path)
    {
        await SomethingOnEveryPageAsync();
        await AssertMarkedAsync(email, path);
    }

    [Fact]
    public async Task A_session_before_and_after_it_starts_and_a_certificate_show_only_texts_from_the_resources()
    {
        var session = await ScheduleAsync();
        await AssertMarkedAsync(DemoAccounts.Facilitator, $"/facilitate/sessions/{session}");
        var certificate = await Site.Db(db => db.Certificates.OrderBy(c => c.IssuedAt).Select(c => c.Id).FirstAsync());
        await AssertMarkedAsync(DemoAccounts.Admin, $"/admin/certificates/{certificate}");

        fixture.Clock.Advance(TimeSpan.FromDays(8));
        fixture.ForgetSignIns();
        await AssertMarkedAsync(DemoAccounts.Facilitator, $"/facilitate/sessions/{session}");
    }

    private async Task AssertMarkedAsync(string email, string path)
    {
        await SomethingOnEveryPageAsync();
        var client = await fixture.MarkedClientAsync(email);
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} as {email}: {response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("⟦", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        PseudoLocalization.AssertAllMarked($"{path} as {email}", PseudoLocalization.WithoutContent(WithoutData(html, await DataAsync())));
    }

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private bool seeded;

    /// <summary>A trainee with hours waiting for sign-off, a certificate and an upcoming session, so the lists have rows to show.</summary>
    private async Task SomethingOnEveryPageAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (seeded || await Site.Db(db => db.Users.AnyAsync(u => u.FullName == "Ana Torres"))) return;
            var (email, _) = await Seed.NewTraineeAsync(Site.Services, DemoData.SiteA, "Ana Torres");
            await Seed.CreditLessonAsync(Site.Services, email, "ethics", 0);
            await SeedCertificates.IssueAsync(Site.Services, email);
            seeded = true;
        }
        finally { Seeding.Release(); }
    }

    private async Task<Guid> ScheduleAsync()
    {
        var facilitator = await Seed.PersonIdAsync(Site.Services, DemoAccounts.Facilitator);
        await using var scope = Site.Services.CreateAsyncScope();
        var lesson = scope.ServiceProvider.GetRequiredService<CourseCatalog>().Find("recovery-coach")!.Lessons.First(l => l.Delivery == LessonDelivery.Live);
        var day = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime.AddDays(7));
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, lesson.Id, day, new TimeOnly(18, 0), "Room 4", null));
    }

    /// <summary>What people typed and what the content files hold: names, addresses, sites, cohorts, courses, domains, credentials.</summary>
    private async Task<IReadOnlyList<string>> DataAsync()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDb>();
        var catalog = sp.GetRequiredService<CourseCatalog>();
        var guide = sp.GetRequiredService<OnboardingGuide>();
        var rules = sp.GetRequiredService<CredentialRuleBook>();
        var data = new List<string?>();
        data.AddRange(await db.Users.Select(u => u.FullName).ToListAsync());
        data.AddRange(await db.Users.Select(u => u.Email).ToListAsync());
        foreach (var s in await db.Sites.ToListAsync()) data.AddRange([s.Name, s.State]);
        foreach (var p in await db.SiteProfiles.ToListAsync()) data.AddRange([p.StreetAddress, p.City]);
        data.AddRange(await db.ReadinessChecks.Select(c => c.Note).ToListAsync());
        foreach (var c in await db.Cohorts.ToListAsync()) data.AddRange([c.Name, c.Schedule]);
        data.AddRange(await db.SupervisorProfiles.Select(p => p.CredentialHeld).ToListAsync());
        data.AddRange(await db.LiveSessions.Select(s => s.Place).ToListAsync());
        data.AddRange(await db.Certificates.Select(c => c.Code).ToListAsync());
        foreach (var course in catalog.Courses)
        {
            data.Add(course.Title);
            foreach (var module in course.Modules) data.AddRange([module.Title, .. module.Lessons.Select(l => l.Title)]);
        }
        data.AddRange(catalog.Domains.Select(d => d.Name));
        data.AddRange(guide.ProgrammeTypes.Select(p => p.Name).Concat(guide.CredentialBoards.Select(b => b.Name)));
        foreach (var item in guide.Checklist) data.AddRange([item.Title, item.Help, item.Question]);
        foreach (var set in rules.All) data.AddRange([set.Name, set.BoardName, set.Board]);
        data.AddRange(rules.Exams.Select(e => e.Name));
        data.AddRange(TrainingHub.Features.Sites.Onboarding.InviteSite.States.Select(s => s.Name));
        data.Add(sp.GetRequiredService<IOptions<SignOffOptions>>().Value.AttestationStatement);
        return data.OfType<string>().Where(d => d.Length > 1).Distinct().OrderByDescending(d => d.Length).ToList();
    }

    private static string WithoutData(string html, IReadOnlyList<string> data)
    {
        foreach (var d in data)
        {
            // As Razor writes it (apostrophes as &#x27;, dashes as &#x2013;), as WebUtility writes it, and as typed.
            html = html.Replace(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(d), " ", StringComparison.Ordinal)
                .Replace(WebUtility.HtmlEncode(d), " ", StringComparison.Ordinal).Replace(d, " ", StringComparison.Ordinal);
        }
        return html;
    }

    public static TheoryData<string, string, string> MainPages() => new()
    {
        { Roles.Supervisor, "/supervise", "<h1>Horas que esperan su aprobación</h1>" },
        { Roles.Facilitator, "/facilitate", "<h1>Mis grupos</h1>" },
        { Roles.SiteCoordinator, "/sites", "<h1>Mis sitios</h1>" },
        { Roles.InstituteAdmin, "/institute", "<h1>Resumen del instituto</h1>" },
    };

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task A_staff_person_whose_saved_language_is_Spanish_sees_their_main_page_in_Spanish(string role, string path, string heading)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = "Marisol Vega", CreatedAt = DateTime.UtcNow, PreferredLanguage = "es" };
            Assert.True((await users.CreateAsync(person, DemoAccounts.Password)).Succeeded);
            await users.AddToRoleAsync(person, role);
            if (role != Roles.InstituteAdmin)
            {
                var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
                db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = DemoData.SiteA, PersonId = person.Id, Role = role, CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
        }
        var client = await Site.SignedIn(email);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(path));
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains(heading, page, StringComparison.Ordinal);
    }
}
