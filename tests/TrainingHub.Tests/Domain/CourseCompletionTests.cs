using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

public sealed class CourseCompletionTests
{
    /// <summary>Lesson "a" is 1 hour, "b" half an hour; modules m1 and m2 have quizzes.</summary>
    private static readonly (string Id, decimal Hours)[] Lessons = [("a", 1.0m), ("b", 0.5m)];

    private static readonly string[] Quizzes = ["m1", "m2"];

    private static string[] List(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"a=1.0/0.0;b=0.25/0.25": net credited/pending hours per lesson; a lesson left out has no ledger line.</summary>
    private static List<CourseCompletion.LessonState> Ledger(string spec) =>
        spec.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var (id, hours) = (part.Split('=')[0], part.Split('=')[1].Split('/'));
            return new CourseCompletion.LessonState(id, decimal.Parse(hours[0], System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(hours[1], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();

    [Theory]
    // ledger, quizzes passed, lessons missing, lessons pending, quizzes missing, complete
    [InlineData("a=1.0/0;b=0.5/0", "m1,m2", "", "", "", true)]
    [InlineData("a=1.5/0;b=0.75/0", "m1,m2", "", "", "", true)]              // more than the hours still counts
    [InlineData("", "", "a,b", "", "m1,m2", false)]                          // nothing yet
    [InlineData("b=0.5/0", "m1,m2", "a", "", "", false)]                     // a lesson with no ledger line is missing
    [InlineData("a=1.0/0;b=0.25/0", "m1,m2", "b", "", "", false)]            // partial credit is not enough
    [InlineData("a=1.0/0;b=0.25/0.25", "m1,m2", "", "b", "", false)]         // credited + pending reach the hours: pending
    [InlineData("a=0/1.0;b=0.5/0", "m1,m2", "", "a", "", false)]             // all pending (awaiting sign-off): pending
    [InlineData("a=1.0/0;b=0.25/0.1", "m1,m2", "b", "", "", false)]          // credited + pending short of the hours: missing
    [InlineData("a=0/0;b=0.5/0", "m1,m2", "a", "", "", false)]               // credited then reversed nets to 0: missing
    [InlineData("a=1.0/0;b=0.5/0", "m1", "", "", "m2", false)]               // every lesson, one quiz missing
    [InlineData("a=1.0/0;b=0.5/0", "", "", "", "m1,m2", false)]
    [InlineData("a=1.0/0;b=0.5/0;x=9/0", "m1,m2,m9", "", "", "", true)]      // lines and passes outside the course change nothing
    public void A_course_is_complete_only_when_every_lesson_is_credited_and_every_quiz_passed(
        string ledger, string passed, string missing, string pending, string quizzesMissing, bool complete)
    {
        var evaluation = CourseCompletion.Evaluate(Lessons, Ledger(ledger), Quizzes, List(passed).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(List(missing), evaluation.LessonsMissing);
        Assert.Equal(List(pending), evaluation.LessonsPending);
        Assert.Equal(List(quizzesMissing), evaluation.QuizzesMissing);
        Assert.Equal(complete, evaluation.Complete);
    }

    [Fact]
    public void A_course_without_quizzes_is_complete_on_its_lessons_alone()
    {
        var evaluation = CourseCompletion.Evaluate(Lessons, Ledger("a=1.0/0;b=0.5/0"), [], new HashSet<string>());
        Assert.True(evaluation.Complete);
        Assert.Empty(evaluation.QuizzesMissing);
    }
}
