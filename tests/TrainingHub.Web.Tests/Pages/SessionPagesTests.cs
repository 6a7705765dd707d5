using System.Net;
using System.Text.RegularExpressions;
using Ical.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Web.Tests.Pages;

/// <summary>Sessions over HTTP on a site of their own (their sessions would change what other page tests list), with a clock the tests move.</summary>
public sealed partial class SessionPagesTests(SessionPagesTests.ClockedSite fixture) : IClassFixture<SessionPagesTests.ClockedSite>
{
    public sealed class ClockedSite : IDisposable
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public SiteFactory Site { get; }

        public ClockedSite() => Site = new SiteFactory { Clock = Clock };

        public void Dispose() => Site.Dispose();
    }

    private SiteFactory Site => fixture.Site;

    /// <summary>Schedules a live lesson for cohort A a week from the site's now, as its facilitator.</summary>
    private async Task<Guid> Schedule(string? link = "https://meet.example.org/rc-7")
    {
        var facilitator = await Seed.PersonIdAsync(Site.Services, DemoAccounts.Facilitator);
        await using var scope = Site.Services.CreateAsyncScope();
        var lesson = scope.ServiceProvider.GetRequiredService<CourseCatalog>().Find("recovery-coach")!.Lessons.Where(l => l.Delivery == LessonDelivery.Live).Skip(5).First();
        var day = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime.AddDays(7));
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, lesson.Id, day, new TimeOnly(18, 0), "Room 4, Harbor Light", link));
    }

    [Fact]
    public async Task A_trainee_sees_the_session_with_its_join_link_and_downloads_it_but_another_sites_trainee_cannot()
    {
        var id = await Schedule();
        var trainee = await Site.SignedIn(DemoAccounts.Trainee);
        var page = await trainee.GetStringAsync("/my/sessions");
        Assert.Contains("https://meet.example.org/rc-7", page, StringComparison.Ordinal);
        Assert.Contains("Room 4, Harbor Light", page, StringComparison.Ordinal);
        Assert.Contains($"/my/sessions?handler=Ics&amp;id={id}", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/my/sessions\"", await trainee.GetStringAsync("/my/hours"), StringComparison.Ordinal);   // in the navigation
        var home = await trainee.GetStringAsync("/dashboard");                                   // the home names the next session
        Assert.Contains("Your next live session", home, StringComparison.Ordinal);
        Assert.Contains("Room 4, Harbor Light", home, StringComparison.Ordinal);

        var ics = await trainee.GetAsync($"/my/sessions?handler=Ics&id={id}");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        Assert.True(ics.Headers.CacheControl!.NoStore);
        var e = Assert.Single(Calendar.Load(await ics.Content.ReadAsStringAsync())!.Events);
        Assert.Equal($"session-{id:N}@localhost", e.Uid);

        var other = await Site.SignedIn(DemoAccounts.TraineeB);
        Assert.DoesNotContain("meet.example.org/rc-7", await other.GetStringAsync("/my/sessions"), StringComparison.Ordinal);
        Assert.DoesNotContain("Room 4, Harbor Light", await other.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/my/sessions?handler=Ics&id={id}")).StatusCode);
    }

    [Fact]
    public async Task The_feed_address_is_made_with_antiforgery_served_as_a_calendar_never_cached_and_gone_once_replaced()
    {
        await Schedule();
        var trainee = await Site.SignedIn(DemoAccounts.Trainee);
        var forged = await trainee.PostAsync("/my/calendar", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var made = await SiteFactory.PostForm(trainee, "/my/calendar", []);
        var address = FeedAddress().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("/calendar/", address, StringComparison.Ordinal);
        Assert.DoesNotContain(address, await trainee.GetStringAsync("/my/calendar"), StringComparison.Ordinal);   // shown once, never again

        var anonymous = Site.Anonymous();
        var feed = await anonymous.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", feed.Content.Headers.ContentType.CharSet);
        Assert.True(feed.Headers.CacheControl!.NoStore);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.NotEmpty(Calendar.Load(text)!.Events);

        var replaced = await SiteFactory.PostForm(trainee, "/my/calendar", []);
        var newAddress = FeedAddress().Match(await replaced.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEqual(address, newAddress);
        var revoked = await anonymous.GetAsync(address);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.True(revoked.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newAddress)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/not-a-token.ics")).StatusCode);
    }

    [Fact]
    public async Task A_facilitator_sees_the_join_link_moves_the_session_with_bad_input_refused_and_cancels_it()
    {
        var id = await Schedule();
        var url = $"/facilitate/sessions/{id}";
        var facilitator = await Site.SignedIn(DemoAccounts.Facilitator);
        var page = await facilitator.GetStringAsync(url);
        Assert.Contains("href=\"https://meet.example.org/rc-7\"", page, StringComparison.Ordinal);
        Assert.Contains("You can record attendance once the session has started.", page, StringComparison.Ordinal);

        var forged = await facilitator.PostAsync(url + "?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var day = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime.AddDays(9)).ToString("yyyy-MM-dd");
        var bad = await SiteFactory.PostForm(facilitator, url + "?handler=Change", new() { ["Date"] = day, ["StartTime"] = "18:00", ["VideoLink"] = "http://meet.example.org/x" }, formPage: url);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("A video link must be a full address starting with https://.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noDate = await SiteFactory.PostForm(facilitator, url + "?handler=Change", new() { ["Date"] = "", ["StartTime"] = "18:00", ["Place"] = "Room 4" }, formPage: url);
        Assert.Contains("Enter the date of the session.", await noDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Sequence(id));

        var moved = await SiteFactory.PostForm(facilitator, url + "?handler=Change", new() { ["Date"] = day, ["StartTime"] = "17:30", ["Place"] = "Room 6" }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("Session changed.", await facilitator.GetStringAsync(moved.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(1, await Sequence(id));

        var cancelled = await SiteFactory.PostForm(facilitator, url + "?handler=Cancel", new() { ["CancelReason"] = "Facilitator unwell" }, formPage: url);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("This session was cancelled.", await facilitator.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Equal(2, await Sequence(id));

        var otherSite = await Site.SignedIn(DemoAccounts.CoordinatorB);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSite.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Attendance_posted_before_the_session_starts_is_refused_with_a_clear_message()
    {
        var id = await Schedule();
        var url = $"/facilitate/sessions/{id}";
        var facilitator = await Site.SignedIn(DemoAccounts.Facilitator);
        var terry = await Seed.PersonIdAsync(Site.Services, DemoAccounts.Trainee);
        var early = await SiteFactory.PostForm(facilitator, url + "?handler=Attendance", new() { ["Marks[0].PersonId"] = terry, ["Marks[0].Present"] = "true" }, formPage: url);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("This session has not started yet.", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = Site.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AttendanceRecords.AnyAsync(a => a.SessionId == id));
    }

    private async Task<int> Sequence(Guid id)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().LiveSessions.Where(s => s.Id == id).Select(s => s.Sequence).SingleAsync();
    }

    [GeneratedRegex("value=\"https?://[^/\"]+(/calendar/[A-Za-z0-9_-]+\\.ics)\"")]
    private static partial Regex FeedAddress();
}
