using TrainingHub.Domain;

namespace TrainingHub.Tests.Domain;

public sealed class NextLessonTests
{
    /// <summary>"a:done@-;b:open@3;c:open@-": lesson id, complete or open, and the hour of its last activity (- for none).</summary>
    private static List<NextLesson.Lesson> Course(string spec) =>
        spec.Split(';').Select(part =>
        {
            var (id, rest) = (part.Split(':')[0], part.Split(':')[1].Split('@'));
            DateTime? at = rest[1] == "-" ? null : new DateTime(2027, 1, 12, int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture), 0, 0, DateTimeKind.Utc);
            return new NextLesson.Lesson(id, rest[0] == "done", at);
        }).ToList();

    [Theory]
    [InlineData("a:open@-;b:open@-;c:open@-", "a")]             // nothing read yet: the first lesson
    [InlineData("a:done@1;b:open@-;c:open@-", "b")]             // the first finished: the next one
    [InlineData("a:done@1;b:open@2;c:open@-", "b")]             // was reading b
    [InlineData("a:open@1;b:done@2;c:open@3", "c")]             // the latest activity on an open lesson wins over an earlier gap
    [InlineData("a:open@3;b:done@4;c:open@2", "a")]             // finishing b does not move them on from a, read after c
    [InlineData("a:done@1;b:done@2;c:open@-", "c")]             // all touched lessons done: the first not done
    [InlineData("a:done@1;b:done@2;c:done@3", null)]            // the course is done
    public void Continue_opens_the_lesson_they_were_on_else_the_first_not_complete(string course, string? expected) =>
        Assert.Equal(expected, NextLesson.ContinueWith(Course(course)));
}
