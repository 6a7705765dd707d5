using Ical.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Sessions;

/// <summary>The reminder the day before (once per person and session, even when two runs race) and the private calendar feed.</summary>
public sealed class RemindersAndFeedTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _facilitator = "";
    private string _terry = "";

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        _terry = await _host.IdOf(DemoAccounts.Trainee);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

        private async Task<Guid> Schedule(DateOnly day) =>
        await _host.Send(new ScheduleSession.Command(_facilitator, DemoData.CohortA, _host.Live(LearningRecordHost.RecoveryCoach).Id, day, new TimeOnly(10, 0), "Room 2", null));

    private async Task Dispatch()
    {
        while (await _host.Send(new DispatchOutbox.Command()) > 0) { }
    }

    private IReadOnlyList<SessionMail.Mail> Reminders(string email) =>
        SessionMail.To(_host.Folder, email).Where(m => m.Subject.StartsWith("Reminder: ", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Two_reminder_runs_at_once_send_each_person_one_reminder()
    {
        await Schedule(new DateOnly(2027, 1, 13));
        await Dispatch();
        Assert.Equal(0, await _host.Send(new SendSessionReminders.Command()));              // 25 hours ahead: not yet
        _host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 12, 16, 0, 0, TimeSpan.Zero));   // 23 hours ahead
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                await using var scope = _host.Scope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SendSessionReminders.Command());
            }));
        }
        await Dispatch();

        var reminder = Assert.Single(Reminders(DemoAccounts.Trainee));
        Assert.Equal("Reminder: " + _host.Live(LearningRecordHost.RecoveryCoach).Title + ", Wednesday 13 January 2027 at 10:00 AM", reminder.Subject);
        Assert.Contains("Where: Room 2", reminder.Body, StringComparison.Ordinal);
        Assert.Equal(1, await _host.Db(db => db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.SessionReminder)));
        Assert.Empty(Reminders(DemoAccounts.TraineeB));
    }

    [Fact]
    public async Task A_reminder_waits_until_the_day_before_and_none_goes_out_for_a_cancelled_session()
    {
        var nextWeek = await Schedule(new DateOnly(2027, 1, 19));
        var tomorrow = await Schedule(new DateOnly(2027, 1, 13));
        await _host.Send(new CancelSession.Command(_facilitator, tomorrow, null));
        Assert.Equal(0, await _host.Send(new SendSessionReminders.Command()));

        _host.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 18, 15, 30, 0, TimeSpan.Zero));   // less than a day before next week's session
        Assert.Equal(1, await _host.Send(new SendSessionReminders.Command()));
        Assert.Equal(0, await _host.Send(new SendSessionReminders.Command()));
        await Dispatch();
        Assert.Single(Reminders(DemoAccounts.Trainee));
        Assert.Contains("19 January 2027", Reminders(DemoAccounts.Trainee)[0].Subject, StringComparison.Ordinal);
        Assert.NotEqual(default, nextWeek);
    }

    [Fact]
    public async Task The_feed_lists_the_persons_sessions_and_a_replaced_address_stops_working()
    {
        var kept = await Schedule(new DateOnly(2027, 1, 19));
        var cancelled = await Schedule(new DateOnly(2027, 1, 26));
        await _host.Send(new CancelSession.Command(_facilitator, cancelled, null));
        Assert.Null(await _host.Send(new CalendarFeeds.Status(_terry)));

        var token = await _host.Send(new CalendarFeeds.Replace(_terry));
        Assert.True(token.Length >= 43);
        var stored = await _host.Db(db => db.CalendarFeeds.AsNoTracking().SingleAsync(f => f.PersonId == _terry));
        Assert.Equal(CalendarFeeds.Hash(token), stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash, StringComparison.Ordinal);

        var calendar = Calendar.Load(await _host.Send(new CalendarFeeds.Feed(token)))!;
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal([$"session-{kept:N}@localhost", $"session-{cancelled:N}@localhost"], calendar.Events.OrderBy(e => e.DtStart).Select(e => e.Uid));
        var gone = calendar.Events.Single(e => e.Uid == $"session-{cancelled:N}@localhost");
        Assert.Equal(("CANCELLED", 1), (gone.Status, gone.Sequence));
        Assert.Equal("America/New_York", Assert.Single(calendar.TimeZones).TzId);

        var replacement = await _host.Send(new CalendarFeeds.Replace(_terry));
        Assert.NotEqual(token, replacement);
        var revoked = await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new CalendarFeeds.Feed(token)));
        Assert.Equal("There is no calendar at this address.", revoked.Message);
        Assert.Equal(2, Calendar.Load(await _host.Send(new CalendarFeeds.Feed(replacement)))!.Events.Count);
        Assert.Equal(2, await _host.AuditCount(AuditActions.CalendarFeedReplaced));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new CalendarFeeds.Feed("")));
    }

    [Fact]
    public async Task Another_sites_trainee_has_an_empty_but_valid_feed()
    {
        await Schedule(new DateOnly(2027, 1, 19));
        var token = await _host.Send(new CalendarFeeds.Replace(await _host.IdOf(DemoAccounts.TraineeB)));
        var text = await _host.Send(new CalendarFeeds.Feed(token));
        var calendar = Calendar.Load(text)!;
        Assert.Empty(calendar.Events);
        Assert.Single(calendar.TimeZones);   // RFC 5545 wants at least one component
    }
}
