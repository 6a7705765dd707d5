using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Testing;
using TrainingHub.Features.Catalog;
using TrainingHub.Features.Enrollments;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Catalog;

/// <summary>
/// The lesson page's read of a person's record (LessonReadings: on SQLite a statement prepared once per kept connection):
/// many requests at once each get their own person's values, and a read after a write sees the write.
/// </summary>
public sealed class LessonReadingsTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;

    public async Task InitializeAsync() => _host = await LearningRecordHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task SetSecondsAsync(string personId, Lesson lesson, int seconds) => _host.Db(async db =>
    {
        var totals = await db.SeatTimeTotals.SingleOrDefaultAsync(t => t.PersonId == personId && t.LessonId == lesson.Id);
        if (totals is null)
        {
            db.SeatTimeTotals.Add(new SeatTimeTotal
            {
                PersonId = personId, CourseId = lesson.CourseId, LessonId = lesson.Id, ActiveSeconds = seconds,
                Day = DateOnly.FromDateTime(LearningRecordHost.Start.UtcDateTime), DaySeconds = seconds, Version = Guid.NewGuid(),
            });
        }
        else
        {
            totals.ActiveSeconds = seconds;
            totals.Version = Guid.NewGuid();
        }
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Two_hundred_reads_at_once_by_two_people_on_two_lessons_each_get_their_own_record()
    {
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var lessons = new[] { _host.SelfPaced(LearningRecordHost.RecoveryCoach, 0), _host.SelfPaced(LearningRecordHost.RecoveryCoach, 1) };
        foreach (var person in new[] { terry, lena })
        {
            if (!await _host.Db(db => db.Enrollments.AnyAsync(e => e.PersonId == person && e.CourseId == LearningRecordHost.RecoveryCoach)))
            {
                await _host.Send(new Enroll.Command(person, LearningRecordHost.RecoveryCoach));
            }
        }
        // Each person and lesson its own number of seconds, so a read answered with another's row shows.
        var expected = new Dictionary<(string, string), int>();
        for (var p = 0; p < 2; p++)
        {
            for (var l = 0; l < 2; l++)
            {
                var person = p == 0 ? terry : lena;
                var seconds = 60 * (1 + p * 2 + l);
                await SetSecondsAsync(person, lessons[l], seconds);
                expected[(person, lessons[l].Id)] = seconds;
            }
        }

        var reads = Enumerable.Range(0, 200).Select(async i =>
        {
            var person = i % 2 == 0 ? terry : lena;
            var lesson = lessons[i / 2 % 2];
            await using var scope = _host.Scope();
            var handler = scope.ServiceProvider.GetRequiredService<GetLesson.Handler>();
            var view = await Task.Run(async () => await handler.Handle(new GetLesson.Query(lesson.CourseId, lesson.Id, person, Staff: false), CancellationToken.None));
            return (person, lesson.Id, view.Record!.ActiveSeconds);
        });
        foreach (var (person, lessonId, seconds) in await Task.WhenAll(reads))
        {
            Assert.Equal(expected[(person, lessonId)], seconds);
        }

        // A read after a write sees it (the kept statement holds no rows between reads).
        await SetSecondsAsync(terry, lessons[0], 900);
        Assert.Equal(900, (await _host.Send(new GetLesson.Query(lessons[0].CourseId, lessons[0].Id, terry, Staff: false))).Record!.ActiveSeconds);
        // Someone not enrolled is still refused.
        var facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        await Assert.ThrowsAsync<TrainingHub.Features.Shared.ForbiddenException>(async () =>
            await _host.Send(new GetLesson.Query(lessons[0].CourseId, lessons[0].Id, facilitator, Staff: false)));
    }
}
