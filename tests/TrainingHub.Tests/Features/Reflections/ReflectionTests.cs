using Microsoft.EntityFrameworkCore;
using TrainingHub.Features.Catalog;
using TrainingHub.Features.Credentials.Packet;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Reflections;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Reflections;

/// <summary>A trainee's note on a lesson is theirs alone: no query that staff reach returns it, and deleting it removes it.</summary>
public sealed class ReflectionTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;

    public async Task InitializeAsync() => _host = await LearningRecordHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Marker = "my-own-words-41c9";

    [Fact]
    public async Task Only_the_writer_reads_their_note_on_the_lesson_page_staff_opening_the_same_lesson_do_not()
    {
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var lesson = _host.SelfPaced(LearningRecordHost.RecoveryCoach);
        await _host.Send(new SaveReflection.Command(terry, lesson.CourseId, lesson.Id, $"  {Marker}  "));

        var mine = await _host.Send(new GetLesson.Query(lesson.CourseId, lesson.Id, terry, Staff: false));
        Assert.Equal(Marker, mine.Record!.NoteText);
        Assert.NotNull(mine.Record.NoteId);

        foreach (var email in new[] { DemoAccounts.Facilitator, DemoAccounts.Admin, DemoAccounts.Supervisor, DemoAccounts.Coordinator })
        {
            var staff = await _host.IdOf(email);
            var view = await _host.Send(new GetLesson.Query(lesson.CourseId, lesson.Id, staff, Staff: true));
            Assert.Null(view.Record?.NoteText);
            Assert.Null(view.Record?.NoteId);
        }
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new TrainingHub.Features.Enrollments.Enroll.Command(lena, lesson.CourseId));
        Assert.Null((await _host.Send(new GetLesson.Query(lesson.CourseId, lesson.Id, lena, Staff: false))).Record!.NoteText);
    }

    [Fact]
    public async Task The_note_is_in_no_record_staff_read_the_hours_transcript_or_the_application_packet()
    {
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var lesson = _host.SelfPaced(LearningRecordHost.RecoveryCoach);
        await _host.ReadToCompletionAsync(terry, lesson);
        await _host.Send(new SaveReflection.Command(terry, lesson.CourseId, lesson.Id, Marker));

        var transcript = await _host.Send(new MyHours.Query(terry));
        Assert.DoesNotContain(Marker, MyHours.ToCsv(transcript), StringComparison.Ordinal);
        Assert.DoesNotContain(transcript.Record!, l => l.Title.Contains(Marker, StringComparison.Ordinal) || l.Detail.Contains(Marker, StringComparison.Ordinal));
        var coordinator = await _host.IdOf(DemoAccounts.Coordinator);
        var packet = await _host.Send(new BuildApplicationPacket.Command(coordinator, terry, "icrc-pr", TrainingHub.Data.DemoData.SiteA));
        Assert.DoesNotContain(Marker, BuildApplicationPacket.ToCsv(packet), StringComparison.Ordinal);
        Assert.Equal(0, await _host.Db(db => db.AuditEvents.CountAsync(a => a.Details != null && a.Details.Contains(Marker))));
    }

    [Fact]
    public async Task Deleting_removes_the_row_and_someone_else_cannot_delete_it()
    {
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var lesson = _host.SelfPaced(LearningRecordHost.RecoveryCoach);
        await _host.Send(new SaveReflection.Command(terry, lesson.CourseId, lesson.Id, Marker));
        var id = await _host.Db(db => db.LessonReflections.Where(r => r.PersonId == terry).Select(r => r.Id).SingleAsync());

        var coordinator = await _host.IdOf(DemoAccounts.Coordinator);
        await Assert.ThrowsAsync<NotFoundException>(async () => await _host.Send(new DeleteReflection.Command(coordinator, id)));
        Assert.Equal(1, await _host.Db(db => db.LessonReflections.CountAsync(r => r.Id == id)));

        await _host.Send(new DeleteReflection.Command(terry, id));
        Assert.Equal(0, await _host.Db(db => db.LessonReflections.CountAsync(r => r.Id == id)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await _host.Send(new DeleteReflection.Command(terry, id)));
    }

    [Fact]
    public async Task Saves_racing_from_several_tabs_leave_one_note_with_one_of_their_texts()
    {
        var terry = await _host.IdOf(DemoAccounts.Trainee);
        var lesson = _host.SelfPaced(LearningRecordHost.RecoveryCoach);
        var texts = Enumerable.Range(1, 6).Select(i => $"tab {i}").ToList();
        await Task.WhenAll(texts.Select(t => Task.Run(() => _host.Send(new SaveReflection.Command(terry, lesson.CourseId, lesson.Id, t)))));
        var notes = await _host.Db(db => db.LessonReflections.Where(r => r.PersonId == terry).ToListAsync());
        Assert.Contains(Assert.Single(notes).Text, texts);
    }

    [Fact]
    public async Task A_note_on_a_course_the_person_is_not_enrolled_in_is_refused_and_nothing_is_saved()
    {
        var facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        var lesson = _host.SelfPaced(LearningRecordHost.RecoveryCoach);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _host.Send(new SaveReflection.Command(facilitator, lesson.CourseId, lesson.Id, "x")));
        Assert.Equal(0, await _host.Db(db => db.LessonReflections.CountAsync()));
    }
}
