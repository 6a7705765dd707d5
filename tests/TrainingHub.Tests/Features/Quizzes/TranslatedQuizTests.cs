using System.Globalization;
using TrainingHub.Content;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.Quizzes;
using TrainingHub.Tests.Features.LearningRecord;

namespace TrainingHub.Tests.Features.Quizzes;

/// <summary>A quiz read in Spanish is drawn and scored from the original: only its words come from quiz.es.md.</summary>
public sealed class TranslatedQuizTests : IAsyncLifetime
{
    private const string ModuleId = "02-living-and-supporting-recovery-on-medication";
    private LearningRecordHost _host = null!;
    private string _terry = "";

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _terry = await _host.IdOf(DemoAccounts.Trainee);
        await _host.Send(new Enroll.Command(_terry, "mat"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Quiz Original => _host.CourseOf("mat").Modules.Single(m => m.Id == ModuleId).Quiz!;

    private static async Task<T> InSpanish<T>(Func<Task<T>> work)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        try { return await work(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public async Task A_Spanish_reader_sees_the_questions_in_Spanish_and_is_scored_with_the_original_keys()
    {
        var spanish = _host.Catalog.FindQuizTranslation("mat", ModuleId, "es")!.Quiz;
        var attempt = await InSpanish(() => _host.Send(new StartQuizAttempt.Command(_terry, "mat", ModuleId)));
        Assert.NotNull(attempt.AttemptId);
        foreach (var shown in attempt.Questions)
        {
            var words = spanish.Questions.Single(q => q.Id == shown.Id);
            Assert.Equal(words.StemHtml, shown.StemHtml);
            Assert.All(shown.Options, o => Assert.Contains(o.Text, words.Options.Select(w => w.Text)));
            Assert.NotEqual(Original.Questions.Single(q => q.Id == shown.Id).StemHtml, shown.StemHtml);
        }

        // The person picks the right options by their Spanish words; the places they send are scored with the original's keys.
        var answers = QuizPapers.Right(attempt, spanish);
        Assert.All(answers.Values, places => Assert.NotEmpty(places));
        var submitted = await InSpanish(() => _host.Send(new SubmitQuizAttempt.Command(_terry, attempt.AttemptId.Value, answers)));
        var result = await _host.Send(new GetQuizResult.Query(_terry, submitted.AttemptId));
        Assert.Equal(100, result.ScorePercent);
        Assert.True(result.Passed);
    }

    [Fact]
    public void The_translation_has_the_original_questions_and_keys_in_the_same_order()
    {
        var spanish = _host.Catalog.FindQuizTranslation("mat", ModuleId, "es")!.Quiz;
        Assert.Equal(Original.Questions.Select(q => (q.Id, q.Type, Keys: string.Concat(q.Options.Select(o => o.Correct ? 'x' : '.')))),
            spanish.Questions.Select(q => (q.Id, q.Type, Keys: string.Concat(q.Options.Select(o => o.Correct ? 'x' : '.')))));
        Assert.Equal(Original.PassMark, spanish.PassMark);
    }
}
