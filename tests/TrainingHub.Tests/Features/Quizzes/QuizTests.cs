using BindingFlags = System.Reflection.BindingFlags;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Quizzes;

public sealed class QuizTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _terry = "";
    private Module _module = null!;

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _terry = await _host.IdOf(DemoAccounts.Trainee);
        _module = _host.CourseOf(LearningRecordHost.RecoveryCoach).Modules.First(m => m.Quiz is not null);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Quiz Quiz => _module.Quiz!;

    private Task<StartQuizAttempt.Result> Start(string? personId = null) =>
        _host.Send(new StartQuizAttempt.Command(personId ?? _terry, LearningRecordHost.RecoveryCoach, _module.Id));

    private async Task<Guid> Submit(Guid attemptId, IReadOnlyDictionary<string, int[]> answers, string? personId = null) =>
        (await _host.Send(new SubmitQuizAttempt.Command(personId ?? _terry, attemptId, answers))).AttemptId;

    private Task<GetQuizResult.Result> Result(Guid attemptId) => _host.Send(new GetQuizResult.Query(_terry, attemptId));

    /// <summary>The answer key from the catalog, for the questions the attempt drew.</summary>
    private Dictionary<string, int[]> RightAnswers(StartQuizAttempt.Result attempt) => QuizPapers.Right(attempt, Quiz);

    /// <summary>One wrong option for every question.</summary>
    private Dictionary<string, int[]> WrongAnswers(StartQuizAttempt.Result attempt) => QuizPapers.Wrong(attempt, Quiz);

    private QuizQuestion Question(string id) => Quiz.Questions.Single(q => q.Id == id);

    private async Task<Guid> FailOnce()
    {
        var attempt = await Start();
        Assert.NotNull(attempt.AttemptId);
        var id = await Submit(attempt.AttemptId.Value, WrongAnswers(attempt));
        _host.Clock.AdvanceSeconds(60);
        return id;
    }

    private Task<int> Attempts() => _host.Db(db => db.QuizAttempts.CountAsync(a => a.PersonId == _terry));

    [Fact]
    public async Task Starting_twice_returns_the_same_open_attempt_with_the_same_questions_in_the_same_order()
    {
        var first = await Start();
        _host.Clock.AdvanceSeconds(30);
        var second = await Start();

        Assert.NotNull(first.AttemptId);
        Assert.Equal(first.AttemptId, second.AttemptId);
        Assert.Equal(1, first.Number);
        Assert.Equal(Quiz.PassMark, first.PassMark);
        Assert.Equal(Quiz.Draw ?? Quiz.Questions.Count, first.Questions.Count);
        Assert.Equal(first.Questions.Select(q => q.Id), second.Questions.Select(q => q.Id));
        Assert.Equal(first.Questions.SelectMany(q => q.Options.Select(o => o.Value)), second.Questions.SelectMany(q => q.Options.Select(o => o.Value)));
        Assert.Equal(1, await Attempts());
        Assert.Equal(3, second.Standing.AttemptsLeft);
        Assert.Equal(first.AttemptId, second.Standing.OpenAttemptId);
    }

    [Fact]
    public async Task Starting_in_two_tabs_at_once_opens_one_attempt()
    {
        var both = await Task.WhenAll(Start(), Start());
        Assert.NotNull(both[0].AttemptId);
        Assert.Equal(both[0].AttemptId, both[1].AttemptId);
        Assert.Equal(1, await Attempts());
    }

    [Fact]
    public async Task The_attempt_view_carries_question_and_option_text_only_never_the_answer_key()
    {
        // The types themselves have no place for correctness or rationales.
        Assert.Equal(["Text", "Value"], typeof(StartQuizAttempt.OptionView).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Id", "Options", "StemHtml", "Type"], typeof(StartQuizAttempt.QuestionView).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal));

        var attempt = await Start();
        foreach (var view in attempt.Questions)
        {
            var question = Question(view.Id);
            Assert.Equal(question.StemHtml, view.StemHtml);
            Assert.Equal(Enumerable.Range(0, question.Options.Count), view.Options.Select(o => o.Value));
            Assert.Equal(question.Options.Select(o => o.Text).Order(StringComparer.Ordinal), view.Options.Select(o => o.Text).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_values_a_browser_sends_are_places_on_the_shuffled_paper_so_they_say_nothing_about_the_key()
    {
        // A paper draws part of its bank, so take one paper of every module of the course to have enough shuffled questions.
        var shuffled = new List<(Module Module, StartQuizAttempt.QuestionView View)>();
        foreach (var module in _host.CourseOf(LearningRecordHost.RecoveryCoach).Modules.Where(m => m.Quiz is not null))
        {
            var attempt = await _host.Send(new StartQuizAttempt.Command(_terry, LearningRecordHost.RecoveryCoach, module.Id));
            shuffled.AddRange(attempt.Questions.Where(q => q.Type != QuestionType.TrueFalse).Select(q => (module, q)));
        }
        Assert.True(shuffled.Count >= 5, "The quizzes have too few shuffled questions to show anything.");
        // Values are places on this paper: the first option shown is 0 whatever its place in the course file.
        Assert.Contains(shuffled, s => s.View.Options.Select(o => o.Text)
            .SequenceEqual(s.Module.Quiz!.Questions.Single(q => q.Id == s.View.Id).Options.Select(o => o.Text)) is false);
    }

    [Fact]
    public async Task An_attempt_with_the_right_answers_is_graded_on_the_server_as_passed()
    {
        var attempt = await Start();
        var id = await Submit(attempt.AttemptId!.Value, RightAnswers(attempt));
        Assert.Equal(attempt.AttemptId, id);

        var result = await Result(id);
        Assert.True(result.Passed);
        Assert.Equal(100, result.ScorePercent);
        Assert.Equal(Quiz.PassMark, result.PassMark);
        Assert.True(result.Standing.Passed);
        Assert.True(result.ReviewShown);                 // after a pass the rationales may be shown
        Assert.All(result.Review, q => Assert.True(q.AnsweredRight));

        var stored = await _host.Db(db => db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.True(stored.Passed);
        Assert.NotNull(stored.SubmittedAt);
        Assert.NotEqual(QuizAttemptKeys.Open, stored.OpenKey);

        // A passed quiz opens no new attempt.
        var again = await Start();
        Assert.Null(again.AttemptId);
        Assert.Empty(again.Questions);
        Assert.True(again.Standing.Passed);
    }

    [Fact]
    public async Task An_attempt_with_wrong_answers_is_not_passed_and_shows_no_answers_while_attempts_are_left()
    {
        var attempt = await Start();
        var id = await Submit(attempt.AttemptId!.Value, WrongAnswers(attempt));

        var result = await Result(id);
        Assert.False(result.Passed);
        Assert.Equal(0, result.ScorePercent);
        Assert.False(result.ReviewShown);
        Assert.Empty(result.Review);
        Assert.Equal(2, result.Standing.AttemptsLeft);
    }

    [Fact]
    public async Task A_multiple_select_question_with_one_right_option_missing_is_wrong()
    {
        // Papers are drawn from larger banks, so look through the course's quizzes for a paper that has a question with
        // several right options (one module's draw may leave them all out; ten modules' draws all doing so is negligible).
        StartQuizAttempt.Result? attempt = null;
        Quiz? quiz = null;
        StartQuizAttempt.QuestionView? multiple = null;
        foreach (var module in _host.CourseOf(LearningRecordHost.RecoveryCoach).Modules.Where(m => m.Quiz is not null))
        {
            attempt = await _host.Send(new StartQuizAttempt.Command(_terry, LearningRecordHost.RecoveryCoach, module.Id));
            quiz = module.Quiz!;
            var bank = quiz;
            multiple = attempt.Questions.FirstOrDefault(q => q.Type == QuestionType.Multiple && bank.Questions.Single(b => b.Id == q.Id).Options.Count(o => o.Correct) > 1);
            if (multiple is not null) break;
        }
        Assert.NotNull(multiple);
        var answers = QuizPapers.Right(attempt!, quiz!);
        answers[multiple.Id] = answers[multiple.Id][..^1];
        var id = await Submit(attempt!.AttemptId!.Value, answers);

        var right = attempt.Questions.Count - 1;
        var result = await Result(id);
        Assert.Equal((int)Math.Floor(100m * right / attempt.Questions.Count), result.ScorePercent);
    }

    [Fact]
    public async Task Submitting_the_same_attempt_again_returns_it_and_records_no_second_attempt()
    {
        var attempt = await Start();
        var first = await Submit(attempt.AttemptId!.Value, WrongAnswers(attempt));
        _host.Clock.AdvanceSeconds(5);
        var second = await Submit(attempt.AttemptId!.Value, RightAnswers(attempt));   // a double click, or the back button

        Assert.Equal(first, second);
        Assert.Equal(1, await Attempts());
        Assert.Equal(1, await _host.AuditCount(AuditActions.QuizSubmitted));
        var result = await Result(first);
        Assert.False(result.Passed);                    // the first submission stands
        Assert.Equal(2, result.Standing.AttemptsLeft);
    }

    [Fact]
    public async Task A_double_click_on_submit_records_one_attempt()
    {
        var attempt = await Start();
        var answers = RightAnswers(attempt);
        var ids = await Task.WhenAll(Submit(attempt.AttemptId!.Value, answers), Submit(attempt.AttemptId!.Value, answers));

        Assert.All(ids, id => Assert.Equal(attempt.AttemptId, id));
        Assert.Equal(1, await Attempts());
        Assert.Equal(1, await _host.AuditCount(AuditActions.QuizSubmitted));
        Assert.True((await Result(ids[0])).Passed);
    }

    [Fact]
    public async Task An_unanswered_question_is_refused_and_the_attempt_stays_open()
    {
        var attempt = await Start();
        var answers = RightAnswers(attempt);
        var skipped = attempt.Questions[1].Id;
        answers.Remove(skipped);

        var e = await Assert.ThrowsAsync<ValidationException>(() => Submit(attempt.AttemptId!.Value, answers));
        var failure = Assert.Single(e.Errors);
        Assert.Equal(skipped, failure.PropertyName);
        Assert.Equal("Question 2 has no answer. Choose an answer before you submit.", failure.ErrorMessage);

        // A Spanish reader gets the same refusal in Spanish, with the question's number.
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("es-MX");
            var spanish = await Assert.ThrowsAsync<ValidationException>(() => Submit(attempt.AttemptId!.Value, answers));
            Assert.Equal("La pregunta 2 no tiene respuesta. Elija una respuesta antes de enviar.", Assert.Single(spanish.Errors).ErrorMessage);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }

        var stored = await _host.Db(db => db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == attempt.AttemptId));
        Assert.Null(stored.SubmittedAt);
        Assert.Equal(QuizAttemptKeys.Open, stored.OpenKey);
        Assert.Equal(0, await _host.AuditCount(AuditActions.QuizSubmitted));
        var reopened = await Start();
        Assert.Equal(attempt.AttemptId, reopened.AttemptId);
        Assert.Equal(3, reopened.Standing.AttemptsLeft);
    }

    [Fact]
    public async Task Two_answers_to_a_single_answer_question_or_an_option_that_does_not_exist_are_refused()
    {
        var attempt = await Start();
        var single = attempt.Questions.First(q => q.Type == QuestionType.Single);
        var answers = RightAnswers(attempt);
        answers[single.Id] = [0, 1];
        var e = await Assert.ThrowsAsync<ValidationException>(() => Submit(attempt.AttemptId!.Value, answers));
        Assert.EndsWith("takes one answer only.", Assert.Single(e.Errors).ErrorMessage, StringComparison.Ordinal);

        answers = RightAnswers(attempt);
        answers[single.Id] = [Question(single.Id).Options.Count];
        await Assert.ThrowsAsync<ValidationException>(() => Submit(attempt.AttemptId!.Value, answers));
        Assert.Null((await _host.Db(db => db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == attempt.AttemptId))).SubmittedAt);
    }

    [Fact]
    public async Task No_one_else_can_submit_or_read_a_persons_attempt()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var attempt = await Start();
        await Assert.ThrowsAsync<NotFoundException>(() => Submit(attempt.AttemptId!.Value, RightAnswers(attempt), lena));
        await Submit(attempt.AttemptId!.Value, RightAnswers(attempt));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new GetQuizResult.Query(lena, attempt.AttemptId!.Value)));
    }

    [Fact]
    public async Task A_quiz_of_a_course_the_person_is_not_enrolled_in_cannot_be_started()
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await Assert.ThrowsAsync<ForbiddenException>(() => Start(lena));
        Assert.False(await _host.Db(db => db.QuizAttempts.AnyAsync()));
    }

    [Fact]
    public async Task After_three_failed_attempts_no_attempt_opens_and_the_result_shows_the_review()
    {
        await FailOnce();
        await FailOnce();
        var last = await FailOnce();

        var start = await Start();
        Assert.Null(start.AttemptId);
        Assert.Empty(start.Questions);
        Assert.Equal(0, start.Standing.AttemptsLeft);
        Assert.Equal(3, start.Standing.UsedSinceReset);
        Assert.Equal(3, await Attempts());

        var result = await Result(last);
        Assert.Equal(3, result.Number);
        Assert.False(result.Passed);
        Assert.True(result.ReviewShown);
        Assert.Equal(Quiz.Draw ?? Quiz.Questions.Count, result.Review.Count);
        Assert.All(result.Review, q =>
        {
            Assert.False(q.AnsweredRight);
            Assert.Contains(q.Options, o => o.Correct);
            Assert.Contains(q.Options, o => o.Chosen && !o.Correct);
            Assert.All(q.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Rationale)));
        });
    }

    [Theory]
    [InlineData(DemoAccounts.Facilitator)]     // the facilitator of the person's cohort
    [InlineData(DemoAccounts.Coordinator)]     // a coordinator of the cohort's site
    [InlineData(DemoAccounts.Admin)]
    public async Task A_reset_by_someone_who_runs_the_cohort_gives_a_fresh_set_of_attempts(string actor)
    {
        for (var i = 0; i < 3; i++) await FailOnce();
        Assert.Null((await Start()).AttemptId);

        await _host.Send(new ResetQuizAttempts.Command(await _host.IdOf(actor), _terry, LearningRecordHost.RecoveryCoach, _module.Id, "  Went over the module again together.  "));
        _host.Clock.AdvanceSeconds(60);

        var reset = Assert.Single(await _host.Db(db => db.QuizResets.AsNoTracking().ToListAsync()));
        Assert.Equal("Went over the module again together.", reset.Reason);
        Assert.Equal(await _host.IdOf(actor), reset.ResetById);
        Assert.Equal(1, await _host.AuditCount(AuditActions.QuizReset));

        var fresh = await Start();
        Assert.NotNull(fresh.AttemptId);
        Assert.Equal(4, fresh.Number);
        Assert.Equal(3, fresh.Standing.AttemptsLeft);
        await Submit(fresh.AttemptId.Value, WrongAnswers(fresh));
        _host.Clock.AdvanceSeconds(60);
        Assert.Equal(2, (await Start()).Standing.AttemptsLeft);   // attempts after the reset count against the new set
    }

    [Theory]
    [InlineData(DemoAccounts.Supervisor)]      // staff of the same site, but does not run the cohort
    [InlineData(DemoAccounts.CoordinatorB)]    // another site's coordinator
    [InlineData(DemoAccounts.TraineeB)]
    [InlineData(DemoAccounts.Trainee)]         // the person themselves
    public async Task A_reset_by_someone_who_does_not_run_the_cohort_is_forbidden(string actor)
    {
        for (var i = 0; i < 3; i++) await FailOnce();
        var actorId = await _host.IdOf(actor);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _host.Send(new ResetQuizAttempts.Command(actorId, _terry, LearningRecordHost.RecoveryCoach, _module.Id, "Please")));
        Assert.False(await _host.Db(db => db.QuizResets.AnyAsync()));
        Assert.Equal(0, await _host.AuditCount(AuditActions.QuizReset));
        Assert.Null((await Start()).AttemptId);
    }

    [Theory]
    [InlineData(DemoAccounts.CoordinatorB, true)]    // the coordinator of her own site
    [InlineData(DemoAccounts.Admin, true)]
    [InlineData(DemoAccounts.Coordinator, false)]    // another site's coordinator
    [InlineData(DemoAccounts.Facilitator, false)]    // she is in none of this facilitator's cohorts
    [InlineData(DemoAccounts.Supervisor, false)]
    public async Task For_a_trainee_in_no_cohort_only_her_own_sites_coordinator_or_an_admin_may_reset(string actor, bool allowed)
    {
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await _host.Send(new TrainingHub.Features.Enrollments.Enroll.Command(lena, LearningRecordHost.RecoveryCoach));
        var command = new ResetQuizAttempts.Command(await _host.IdOf(actor), lena, LearningRecordHost.RecoveryCoach, _module.Id, "Went over the module again together.");

        if (allowed)
        {
            await _host.Send(command);
            Assert.Equal(lena, Assert.Single(await _host.Db(db => db.QuizResets.AsNoTracking().ToListAsync())).PersonId);
        }
        else
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(command));
            Assert.False(await _host.Db(db => db.QuizResets.AnyAsync()));
        }
    }

    [Fact]
    public async Task A_reset_for_a_module_without_a_quiz_or_a_person_not_enrolled_is_refused()
    {
        var facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        var noQuiz = await Assert.ThrowsAsync<ValidationException>(() =>
            _host.Send(new ResetQuizAttempts.Command(facilitator, _terry, LearningRecordHost.RecoveryCoach, "no-such-module", "Went over it.")));
        Assert.Equal("This module has no quiz.", Assert.Single(noQuiz.Errors).ErrorMessage);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            _host.Send(new ResetQuizAttempts.Command(facilitator, lena, LearningRecordHost.RecoveryCoach, _module.Id, "Went over it.")));
        Assert.False(await _host.Db(db => db.QuizResets.AnyAsync()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_reset_without_a_reason_is_refused(string reason)
    {
        var facilitator = await _host.IdOf(DemoAccounts.Facilitator);
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            _host.Send(new ResetQuizAttempts.Command(facilitator, _terry, LearningRecordHost.RecoveryCoach, _module.Id, reason)));
        Assert.Equal("Say why the attempts are reset (for example: went over the module again together).", Assert.Single(e.Errors).ErrorMessage);
        Assert.False(await _host.Db(db => db.QuizResets.AnyAsync()));
    }
}
