namespace TrainingHub.Content;

/// <summary>Every course loaded from content/ at start-up. Immutable: a content change takes a restart.</summary>
public sealed class CourseCatalog(IReadOnlyList<Course> courses, IReadOnlyList<TrainingDomain> domains)
{
    private readonly Dictionary<string, Course> _byId = courses.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public IReadOnlyList<Course> Courses { get; } = courses;
    public IReadOnlyList<TrainingDomain> Domains { get; } = domains;

    public Course? Find(string courseId) => _byId.GetValueOrDefault(courseId);

    public Lesson? FindLesson(string courseId, string lessonId) =>
        Find(courseId)?.Lessons.FirstOrDefault(l => l.Id == lessonId);

    public string DomainName(string tag) => Domains.FirstOrDefault(d => d.Tag == tag)?.Name ?? tag;
}
