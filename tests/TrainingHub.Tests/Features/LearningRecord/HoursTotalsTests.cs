using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Sessions;
using TrainingHub.Features.SignOffs;

namespace TrainingHub.Tests.Features.LearningRecord;

/// <summary>
/// The running hours totals the reports read (HoursTotals, LessonHoursTotals) always equal a GROUP BY over the ledger:
/// whatever the real use cases write, in whatever order, and when two writers add to one person's totals at once.
/// </summary>
public sealed class HoursTotalsTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _terry = "";
    private string _facilitator = "";
    private string _supervisor = "";

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartQuickAsync();
        _terry = await _host.IdOf(DemoAccounts.Trainee);
        _facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        _supervisor = await _host.IdOf(DemoAccounts.Supervisor);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task AssertTotalsEqualTheLedger(string after)
    {
        var differences = await _host.Db(db => HoursTotalsCheck.DifferencesAsync(db, CancellationToken.None));
        Assert.True(differences.Count == 0, $"After {after}: {string.Join("; ", differences)}");
    }

    private Task<List<HoursTotal>> TotalsOf(string personId) =>
        _host.Db(db => db.HoursTotals.AsNoTracking().Where(t => t.PersonId == personId).ToListAsync());

    private async Task<Guid> Schedule(Lesson lesson, int dayOffset, int hour) =>
        await _host.Send(new ScheduleSession.Command(_facilitator, DemoData.CohortA, lesson.Id, new DateOnly(2027, 1, 19).AddDays(dayOffset), new TimeOnly(hour, 0), "Room 2", null));

    private Task<List<Guid>> PendingEntries() => _host.Db(db => db.HoursEntries
        .Where(h => h.PersonId == _terry && h.Status == HoursStatus.Pending && h.Hours > 0 && h.ReversesEntryId == null && !db.HoursEntries.Any(r => r.ReversesEntryId == h.Id))
        .Select(h => h.Id).ToListAsync());

    [Fact]
    public async Task After_a_random_sequence_of_credits_partial_attendance_corrections_sign_offs_rejections_resubmissions_and_revocations_the_totals_equal_the_ledger()
    {
        var random = new Random(2027);
        var coach = _host.CourseOf(LearningRecordHost.RecoveryCoach);
        var ethics = _host.CourseOf("ethics");
        await _host.Send(new Enroll.Command(_terry, "ethics"));
        var liveLessons = coach.Lessons.Where(l => l.Delivery == LessonDelivery.Live).ToList();
        var selfPaced = coach.Lessons.Concat(ethics.Lessons).Where(l => l.Delivery == LessonDelivery.SelfPaced).ToList();
        var sessions = new List<Guid>();
        var rejected = new List<Guid>();
        var signOffs = new List<Guid>();
        var admin = await _host.IdOf(DemoAccounts.Admin);
        var done = new List<string>();

        string[] kinds = ["partial attendance", "correction to absent", "correction to present", "sign-off", "rejection", "resubmission", "revocation", "self-paced ethics"];
        // At least forty writes, and on until every kind of write has been seen (within a bound).
        for (var step = 0; step < 300 && (done.Count < 40 || !kinds.All(done.Contains)); step++)
        {
            var pending = await PendingEntries();
            switch (random.Next(8))
            {
                case 0 or 1:
                    // Present at a session, for all of it or part of it (a partial credit a make-up may top up later).
                    var session = await Schedule(liveLessons[random.Next(liveLessons.Count)], sessions.Count, 10);
                    await _host.ReachStartOfAsync(session);
                    var partial = random.Next(2) == 0;
                    await _host.Send(new RecordAttendance.Command(_facilitator, session, [new RecordAttendance.Mark(_terry, true, partial ? 0 : null, partial ? 40 : null)], null));
                    sessions.Add(session);
                    done.Add(partial ? "partial attendance" : "attendance");
                    break;
                case 2 when sessions.Count > 0:
                    // A correction: absent after all (reverses the credit), or present again (credits anew).
                    var corrected = sessions[random.Next(sessions.Count)];
                    var present = random.Next(2) == 0;
                    await _host.Send(new RecordAttendance.Command(_facilitator, corrected, [new RecordAttendance.Mark(_terry, present, null, null)], "The sign-in sheet said otherwise."));
                    done.Add(present ? "correction to present" : "correction to absent");
                    break;
                case 3 when selfPaced.Count > 0:
                    var lesson = selfPaced[random.Next(selfPaced.Count)];
                    selfPaced.Remove(lesson);
                    await _host.ReadToCompletionAsync(_terry, lesson);
                    done.Add($"self-paced {lesson.CourseId}");
                    break;
                case 4 when pending.Count > 0:
                    signOffs.Add(await _host.Send(new DecideSignOff.Command(_supervisor, SignOffDecision.Approved, [new(SignOffSubject.Hours, pending[random.Next(pending.Count)])],
                        "Dennis Okafor", DemoAccounts.Password, true, null)));
                    done.Add("sign-off");
                    break;
                case 5 when pending.Count > 0:
                    var item = pending[random.Next(pending.Count)];
                    await _host.Send(new DecideSignOff.Command(_supervisor, SignOffDecision.Rejected, [new(SignOffSubject.Hours, item)], null, null, false, "The log does not match the session dates."));
                    rejected.Add(item);
                    done.Add("rejection");
                    break;
                case 6 when rejected.Count > 0:
                    var again = rejected[random.Next(rejected.Count)];
                    rejected.Remove(again);
                    await _host.Send(new ResubmitHours.Command(_terry, again, "Dates corrected from the sign-in sheet."));
                    done.Add("resubmission");
                    break;
                case 7 when signOffs.Count > 0:
                    var revoked = signOffs[random.Next(signOffs.Count)];
                    signOffs.Remove(revoked);
                    await _host.Send(new RevokeSignOff.Command(admin, revoked, "Signed by the wrong supervisor."));
                    done.Add("revocation");
                    break;
                default:
                    continue;
            }
            _host.Clock.AdvanceSeconds(60);
            await AssertTotalsEqualTheLedger($"step {step} ({string.Join(", ", done)})");
        }

        // The sequence reached every kind of write, so the equality above was tested against each of them.
        Assert.True(kinds.All(done.Contains), $"The sequence was: {string.Join(", ", done)}");
        var totals = await TotalsOf(_terry);
        Assert.Contains(totals, t => t.Status == HoursStatus.Credited && t.Hundredths > 0);
        Assert.Contains(totals, t => t.Status == HoursStatus.Pending);
    }

    [Fact]
    public async Task Attendance_recorded_for_one_person_at_many_sessions_at_once_adds_every_credit_to_the_totals()
    {
        var lessons = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.Where(l => l.Delivery == LessonDelivery.Live).Take(8).ToList();
        var sessions = new List<Guid>();
        for (var i = 0; i < lessons.Count; i++) sessions.Add(await Schedule(lessons[i], i, 10));
        await _host.ReachStartOfAsync(sessions[^1]);

        // Eight facilitators' requests at once, each crediting the same person: each adds to the same running totals.
        await Task.WhenAll(sessions.Select(s => Task.Run(() =>
            _host.Send(new RecordAttendance.Command(_facilitator, s, [new RecordAttendance.Mark(_terry, true, null, null)], null)))));

        await AssertTotalsEqualTheLedger("attendance at eight sessions at once");
        var totals = await TotalsOf(_terry);
        Assert.Equal(lessons.Sum(l => l.Hours), totals.Where(t => t.Status == HoursStatus.Credited).Sum(t => t.Hundredths) / 100m);
        var lessonTotals = await _host.Db(db => db.LessonHoursTotals.AsNoTracking().Where(t => t.PersonId == _terry).ToListAsync());
        Assert.Equal(lessons.ToDictionary(l => l.Id, l => l.Hours), lessonTotals.ToDictionary(t => t.LessonId, t => t.Hundredths / 100m));
    }

    [Fact]
    public async Task Two_writers_adding_to_the_same_total_in_open_transactions_both_count_when_each_commits()
    {
        var lessons = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.Take(2).ToList();
        var enrollment = await _host.Db(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == _terry && e.CourseId == LearningRecordHost.RecoveryCoach));
        const int Rounds = 10;

        // Each writer adds an entry in the same domain and status as the other, round after round, in a transaction of
        // its own, so on PostgreSQL the two upserts meet on one row inside open transactions.
        async Task Write(Lesson lesson, int writer)
        {
            for (var round = 0; round < Rounds; round++)
            {
                await using var scope = _host.Scope();
                var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
                var strategy = db.Database.CreateExecutionStrategy();
                await strategy.ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    db.HoursEntries.Add(Entry(enrollment, lesson, 0.25m, $"race/{writer}/{round}"));
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                });
            }
        }

        await Task.WhenAll(Task.Run(() => Write(lessons[0], 0)), Task.Run(() => Write(lessons[1], 1)));

        await AssertTotalsEqualTheLedger("two racing writers");
        var total = Assert.Single(await TotalsOf(_terry), t => t.Domain == "race-domain");
        Assert.Equal((2 * Rounds * 25L, 2 * Rounds), (total.Hundredths, total.Items));
    }

    [Fact]
    public async Task An_entry_refused_at_save_time_adds_nothing_to_the_totals()
    {
        var lesson = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.First();
        var enrollment = await _host.Db(db => db.Enrollments.AsNoTracking().SingleAsync(e => e.PersonId == _terry && e.CourseId == LearningRecordHost.RecoveryCoach));
        await _host.Db(db =>
        {
            db.HoursEntries.Add(Entry(enrollment, lesson, 0.5m, "once"));
            return db.SaveChangesAsync();
        });

        // The same idempotency key again, as a retried request would send it: the ledger refuses it, and so do the totals.
        await Assert.ThrowsAsync<DbUpdateException>(() => _host.Db(db =>
        {
            db.HoursEntries.Add(Entry(enrollment, lesson, 0.5m, "once"));
            return db.SaveChangesAsync();
        }));

        await AssertTotalsEqualTheLedger("a refused duplicate");
        Assert.Equal(50, Assert.Single(await TotalsOf(_terry), t => t.Domain == "race-domain").Hundredths);
    }

    private static HoursEntry Entry(Enrollment enrollment, Lesson lesson, decimal hours, string key) => new()
    {
        Id = Guid.NewGuid(), PersonId = enrollment.PersonId, EnrollmentId = enrollment.Id, CourseId = enrollment.CourseId, CourseVersion = enrollment.CourseVersion,
        LessonId = lesson.Id, Hours = hours, Domain = "race-domain", DomainTags = "race-domain", Delivery = HoursDelivery.SelfPaced, CompletedOn = new DateOnly(2027, 1, 12),
        Source = HoursSource.SeatTime, Status = HoursStatus.Credited, RecordedAt = LearningRecordHost.Start.UtcDateTime, IdempotencyKey = key,
    };
}
