using Microsoft.EntityFrameworkCore;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>A lesson that splits its hours across domains (ADR 0015): one ledger entry per domain part.</summary>
public sealed class DomainSplitCreditTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _terry = "";

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _terry = await _host.IdOf(DemoAccounts.Trainee);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Lesson SplitLesson(LessonDelivery delivery) =>
        _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.First(l => l.Delivery == delivery && l.DomainHours.Count > 1);

    private static Dictionary<string, decimal> ByDomain(IEnumerable<HoursEntry> entries) =>
        entries.GroupBy(h => h.Domain).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours));

    private async Task<Guid> MarkPresent(Lesson lesson, string facilitator)
    {
        var session = await _host.Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, lesson.Id, new DateOnly(2027, 1, 19), new TimeOnly(10, 0), "Room 2", null));
        await _host.ReachStartOfAsync(session);
        await _host.Send(new RecordAttendance.Command(facilitator, session, [new RecordAttendance.Mark(_terry, true, null, null)], null));
        return session;
    }

    [Fact]
    public async Task Two_tabs_completing_a_split_self_paced_lesson_at_once_credit_each_domain_its_part_exactly_once()
    {
        var lesson = SplitLesson(LessonDelivery.SelfPaced);
        Task<RecordHeartbeat.Result> Beat(bool starting = false, bool end = false) =>
            _host.Send(new RecordHeartbeat.Command(_terry, lesson.CourseId, lesson.Id, Guid.NewGuid(), _host.Clock.UtcNow, starting, end));
        await Beat(starting: true);
        var required = SeatTimeRules.RequiredSeconds(lesson.Hours, 50);
        for (var active = 30; active < required; active += 30)
        {
            _host.Clock.AdvanceSeconds(30);
            await Beat();
        }
        // The last 30 seconds arrive from four tabs at once, each reaching the end.
        _host.Clock.AdvanceSeconds(30);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Beat(end: true)));

        Assert.Contains(results, r => r.LessonComplete);
        var entries = await _host.HoursOf(_terry);
        Assert.Equal(lesson.DomainHours.Count, entries.Count);
        Assert.Equal(lesson.DomainHours.ToDictionary(p => p.Tag, p => p.Hours), ByDomain(entries));
        Assert.All(entries, e => Assert.Equal(string.Join(',', lesson.Domains), e.DomainTags));
        Assert.Equal(lesson.DomainHours.Count, await _host.AuditCount(AuditActions.HoursCredited));
        // The first part keeps the key a one-domain credit always had; the others add their domain to it.
        Assert.Contains(entries, e => e.IdempotencyKey.EndsWith($"/{lesson.Id}/1", StringComparison.Ordinal) && e.Domain == lesson.DomainHours[0].Tag);
    }

    [Fact]
    public async Task Attendance_credits_each_part_and_a_correction_reverses_every_part()
    {
        var lesson = SplitLesson(LessonDelivery.Live);
        var facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        var session = await MarkPresent(lesson, facilitator);
        var credits = await _host.HoursOf(_terry);
        Assert.Equal(lesson.DomainHours.ToDictionary(p => p.Tag, p => p.Hours), ByDomain(credits));

        await _host.Send(new RecordAttendance.Command(facilitator, session, [new RecordAttendance.Mark(_terry, false, null, null)], "Terry was at the other session."));

        var entries = await _host.HoursOf(_terry);
        Assert.Equal(2 * lesson.DomainHours.Count, entries.Count);
        Assert.All(credits, c => Assert.Single(entries, e => e.ReversesEntryId == c.Id && e.Hours == -c.Hours && e.Domain == c.Domain));
        Assert.All(ByDomain(entries).Values, net => Assert.Equal(0m, net));
    }

    [Fact]
    public async Task Eligibility_counts_each_part_toward_its_own_board_domain()
    {
        var lesson = SplitLesson(LessonDelivery.Live);
        await MarkPresent(lesson, await _host.IdOf(DemoAccounts.Facilitator));
        await _host.Send(new ChooseCredentials.Command(_terry, ["icrc-pr"]));

        var target = Assert.Single((await _host.Send(new MyCredentials.Query(_terry, _terry))).Targets);

        var rules = target.Eligibility.Rules;
        foreach (var part in lesson.DomainHours)
        {
            var domain = rules.DomainFor(part.Tag)!;
            var requirement = target.Eligibility.Requirements.Single(r => r.Requirement.Kind == RequirementKind.DomainHours && r.Requirement.DomainId == domain.Id);
            Assert.Equal(part.Hours, requirement.Counted);
        }
        Assert.Equal(lesson.Hours, target.Eligibility.Requirements.Single(r => r.Requirement.Kind == RequirementKind.TrainingHours).Counted);
    }
}
