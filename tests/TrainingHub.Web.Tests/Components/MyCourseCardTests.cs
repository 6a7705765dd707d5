using Bunit;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Web.Components;

namespace TrainingHub.Web.Tests.Components;

public sealed class MyCourseCardTests : BunitContext
{
    private static MyCourses.Item Item(bool newer = false, EnrollmentStatus status = EnrollmentStatus.Active) =>
        new("mat", "Medications for Opioid Use Disorder (MAT)", 4.0m, 6, "mat-first", new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), status, "2026.1", newer);

    [Fact]
    public void Shows_the_course_its_hours_and_a_link_to_continue()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item()));
        Assert.Equal("Medications for Opioid Use Disorder (MAT)", card.Find("h2 a").TextContent);
        Assert.Equal("/courses/mat", card.Find("h2 a").GetAttribute("href"));
        Assert.Contains("4 hours · 6 lessons · enrolled 2 November 2026", card.Markup, StringComparison.Ordinal);
        Assert.Equal("/courses/mat/lessons/mat-first", card.Find("a.button").GetAttribute("href"));
        Assert.Equal("course-mat", card.Find("h2").Id);
    }

    [Fact]
    public void Tells_the_trainee_when_a_newer_version_exists()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item(newer: true)));
        Assert.Contains("You are taking version 2026.1 of this course; a newer version exists.", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_completed_course_shows_its_status_and_no_continue_button()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item(status: EnrollmentStatus.Completed)));
        Assert.Contains("Status: completed", card.Markup, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("a.button"));
    }
}
