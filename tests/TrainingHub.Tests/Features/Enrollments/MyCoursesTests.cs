using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Quizzes;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Enrollments;

/// <summary>The trainee's home: progress, where "Continue" goes, quizzes that need a facilitator, and live lessons that need a group.</summary>
public sealed class MyCoursesTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _terry = "";

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartQuickAsync();
        _terry = await _host.IdOf(DemoAccounts.Trainee);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<MyCourses.Item> Course(string personId, string courseId) =>
        Assert.Single(await _host.Send(new MyCourses.Query(personId)), c => c.CourseId == courseId);

    [Fact]
    public async Task A_new_trainee_starts_at_the_first_lesson_with_nothing_credited()
    {
        var course = await Course(_terry, LearningRecordHost.RecoveryCoach);
        var first = _host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.First();
        Assert.Equal(first.Id, course.Continue?.Id);
        Assert.False(course.Started);
        Assert.Equal(0, course.LessonsDone);
        Assert.Equal(0m, course.CreditedHours);
        Assert.Equal(_host.CourseOf(LearningRecordHost.RecoveryCoach).Lessons.Count(), course.LessonCount);
        Assert.Equal(0, course.LiveLessonsNeedGroup);
    }

    [Fact]
    public async Task Progress_counts_credited_hours_and_lessons_and_continue_opens_the_lesson_they_were_reading()
    {
        var done = _host.SelfPaced(LearningRecordHost.RecoveryCoach, 0);
        var reading = _host.SelfPaced(LearningRecordHost.RecoveryCoach, 2);
        await _host.ReadToCompletionAsync(_terry, done);
        await _host.Send(new RecordHeartbeat.Command(_terry, reading.CourseId, reading.Id, Guid.NewGuid(), _host.Clock.UtcNow, true, false));
        _host.Clock.AdvanceSeconds(40);
        await _host.Send(new RecordHeartbeat.Command(_terry, reading.CourseId, reading.Id, Guid.NewGuid(), _host.Clock.UtcNow, false, false));

        var course = await Course(_terry, LearningRecordHost.RecoveryCoach);
        Assert.Equal(reading.Id, course.Continue?.Id);
        Assert.Equal(reading.Title, course.Continue?.Title);
        Assert.True(course.Started);
        Assert.Equal(1, course.LessonsDone);
        Assert.Equal(done.Hours, course.CreditedHours);
    }

    [Fact]
    public async Task A_quiz_with_no_tries_left_is_named_until_a_facilitator_resets_it()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, "mat"));
        var module = _host.CourseOf("mat").Modules.First(m => m.Quiz is not null);
        for (var i = 0; i < 3; i++)
        {
            var attempt = await _host.Send(new StartQuizAttempt.Command(lena, "mat", module.Id));
            await _host.Send(new SubmitQuizAttempt.Command(lena, attempt.AttemptId!.Value, QuizPapers.Wrong(attempt, module.Quiz!)));
            _host.Clock.AdvanceSeconds(60);
        }
        Assert.Equal([module.Title], (await Course(lena, "mat")).LockedQuizzes);
    }

    [Fact]
    public async Task A_trainee_in_no_group_is_told_how_many_live_lessons_need_one()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, "mat"));
        var live = _host.CourseOf("mat").Lessons.Count(l => l.Delivery == TrainingHub.Content.LessonDelivery.Live);
        Assert.True(live > 0);
        Assert.Equal(live, (await Course(lena, "mat")).LiveLessonsNeedGroup);
        Assert.Equal(0, (await Course(_terry, LearningRecordHost.RecoveryCoach)).LiveLessonsNeedGroup);
    }

    [Fact]
    public async Task The_lesson_pages_own_query_gives_the_same_group_notice_as_the_home_page()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, "mat"));
        var need = await _host.Send(new GroupNeed.Query(lena, "mat"));
        Assert.NotNull(need);
        Assert.Equal(GroupNeed.From(await Course(lena, "mat")), need);
        Assert.Equal(_host.CourseOf("mat").Lessons.Count(l => l.Delivery == TrainingHub.Content.LessonDelivery.Live), need.LiveLessonsNeedGroup);
        Assert.Null(await _host.Send(new GroupNeed.Query(_terry, LearningRecordHost.RecoveryCoach))); // in a group
        Assert.Null(await _host.Send(new GroupNeed.Query(lena, LearningRecordHost.RecoveryCoach))); // not enrolled
    }

    [Fact]
    public async Task A_locked_quiz_is_named_only_on_its_own_course_and_one_course_can_be_asked_for_alone()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new Enroll.Command(lena, "mat"));
        await _host.Send(new Enroll.Command(lena, LearningRecordHost.RecoveryCoach));
        var module = _host.CourseOf("mat").Modules.First(m => m.Quiz is not null);
        for (var i = 0; i < 3; i++)
        {
            var attempt = await _host.Send(new StartQuizAttempt.Command(lena, "mat", module.Id));
            await _host.Send(new SubmitQuizAttempt.Command(lena, attempt.AttemptId!.Value, QuizPapers.Wrong(attempt, module.Quiz!)));
            _host.Clock.AdvanceSeconds(60);
        }

        Assert.Equal([module.Title], (await Course(lena, "mat")).LockedQuizzes);
        Assert.Empty((await Course(lena, LearningRecordHost.RecoveryCoach)).LockedQuizzes);
        var alone = Assert.Single(await _host.Send(new MyCourses.Query(lena, "mat")));
        Assert.Equal("mat", alone.CourseId);
        Assert.Equal([module.Title], alone.LockedQuizzes);
        Assert.Empty(await _host.Send(new MyCourses.Query(_terry, "mat")));
    }

    [Fact]
    public async Task Continue_follows_the_latest_reading_across_lessons_and_skips_a_lesson_once_complete()
    {
        var first = _host.SelfPaced(LearningRecordHost.RecoveryCoach, 1);
        var second = _host.SelfPaced(LearningRecordHost.RecoveryCoach, 3);
        await Beat(_terry, second);
        _host.Clock.AdvanceSeconds(120);
        await Beat(_terry, first);
        Assert.Equal(first.Id, (await Course(_terry, LearningRecordHost.RecoveryCoach)).Continue?.Id);

        _host.Clock.AdvanceSeconds(120);
        await Beat(_terry, second);
        Assert.Equal(second.Id, (await Course(_terry, LearningRecordHost.RecoveryCoach)).Continue?.Id);

        // Once the lesson read last is complete, its beats no longer decide: the other lesson started is where to go on.
        await _host.ReadToCompletionAsync(_terry, second);
        var course = await Course(_terry, LearningRecordHost.RecoveryCoach);
        Assert.Equal(first.Id, course.Continue?.Id);
        Assert.Equal(1, course.LessonsDone);
        Assert.True(course.Started);
    }

    private async Task Beat(string personId, TrainingHub.Content.Lesson lesson)
    {
        await _host.Send(new RecordHeartbeat.Command(personId, lesson.CourseId, lesson.Id, Guid.NewGuid(), _host.Clock.UtcNow, true, false));
        _host.Clock.AdvanceSeconds(40);
        await _host.Send(new RecordHeartbeat.Command(personId, lesson.CourseId, lesson.Id, Guid.NewGuid(), _host.Clock.UtcNow, false, false));
    }
}
