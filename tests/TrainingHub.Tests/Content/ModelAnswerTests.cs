using TrainingHub.Content;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Content;

public sealed class ModelAnswerTests : IDisposable
{
    private readonly ContentFolder _content = new ContentFolder().WithValidCourse();

    public void Dispose() => _content.Dispose();

    private static string SelfPaced(string afterActivity, string beforeActivity = "") => $"""
        ---
        id: sample-first
        title: Reading
        hours: 0.5
        delivery: self-paced
        objectives: [x]
        domains: [advocacy]
        time: {"{"} reading: 5, activity: 15, reflection: 10 {"}"}
        ---
        {ContentFolder.Words(400)}
        {beforeActivity}
        ## Activity
        Sort the requests.

        {afterActivity}
        ## Reflection
        Think about it.
        """;

    [Fact]
    public void A_model_answer_is_kept_apart_from_the_lesson_text_and_does_not_count_as_reading()
    {
        _content.Write("courses/sample/01-basics/01-first.md", SelfPaced("## Model answer\n\n1. **A.** Going with someone is peer support.\n\n"));
        // A self-paced lesson has no facilitator's guide.
        File.Delete(Path.Combine(_content.Root, "courses/sample/01-basics/01-first.guide.md"));
        var result = CatalogLoader.Load(_content.Root);
        Assert.Empty(result.Problems);
        var lesson = result.Catalog.Courses[0].Lessons.Single();
        Assert.Contains("<strong>A.</strong> Going with someone is peer support.", lesson.ModelAnswerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Going with someone", lesson.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Model answer", lesson.Html, StringComparison.Ordinal);
        Assert.Contains("Think about it.", lesson.Html, StringComparison.Ordinal);
        Assert.Equal(400 + 8, lesson.WordCount);
    }

    [Theory]
    [InlineData("## Model answer\n\n", "", "the '## Model answer' section is empty")]
    [InlineData("", "## Model answer\n\nAn answer before the task.\n\n", "the '## Model answer' must come after the '## Activity' it answers")]
    [InlineData("## Model answer\n\nOne.\n\n## Model answer\n\nTwo.\n\n", "", "a lesson has at most one '## Model answer' section")]
    public void A_misplaced_or_empty_model_answer_stops_start_up_with_the_reason(string afterActivity, string beforeActivity, string expected)
    {
        _content.Write("courses/sample/01-basics/01-first.md", SelfPaced(afterActivity, beforeActivity));
        var e = Assert.Throws<ContentException>(() => CatalogLoader.LoadOrThrow(_content.Root));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_lesson_refuses_a_model_answer()
    {
        _content.Write("courses/sample/01-basics/01-first.md", ContentFolder.LiveLesson("sample-first", 0.5m, "\n## Model answer\n\nThe answer.\n"));
        var e = Assert.Throws<ContentException>(() => CatalogLoader.LoadOrThrow(_content.Root));
        Assert.Contains("only a self-paced lesson has a '## Model answer'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ethics_courses_self_paced_activities_have_model_answers()
    {
        var catalog = CatalogLoader.LoadOrThrow(DataPaths.FindContentFolder(AppContext.BaseDirectory));
        var withAnswers = catalog.Find("ethics")!.Lessons.Where(l => l.ModelAnswerHtml is not null).Select(l => l.Id).ToList();
        Assert.Equal(3, withAnswers.Count);
    }
}
