using Microsoft.Extensions.DependencyInjection;
using Bunit;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;
using TrainingHub.Web.Components;

namespace TrainingHub.Web.Tests.Components;

public sealed class MyCourseCardTests : BunitContext
{
    public MyCourseCardTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    private static MyCourses.Item Item(bool newer = false, EnrollmentStatus status = EnrollmentStatus.Active, decimal credited = 1.5m,
        decimal pending = 0, bool started = true, IReadOnlyList<string>? locked = null, int needGroup = 0) =>
        new("mat", "Medications for Opioid Use Disorder (MAT)", 4.0m, 6, new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), status, "2026.1", newer,
            credited, pending, 1, new MyCourses.LessonLink("mat-second", "How the medicines work"), started, locked ?? [], needGroup);

    [Fact]
    public void Shows_hours_and_lessons_done_with_a_bar_and_continues_at_the_lesson_they_were_on()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item()));
        Assert.Equal("Medications for Opioid Use Disorder (MAT)", card.Find("h2 a").TextContent);
        Assert.Equal("/courses/mat", card.Find("h2 a").GetAttribute("href"));
        Assert.Contains("1.5 of 4 hours credited", card.Find(".progress-line").TextContent, StringComparison.Ordinal);
        Assert.Equal("width: 37%", card.Find(".progress-bar span").GetAttribute("style"));
        Assert.Contains("1 of 6 lessons done · enrolled 2 November 2026", card.Markup, StringComparison.Ordinal);
        Assert.Equal("/courses/mat/lessons/mat-second", card.Find("a.button").GetAttribute("href"));
        Assert.Equal("Continue: How the medicines work", card.Find("a.button").TextContent);
        Assert.Equal("course-mat", card.Find("h2").Id);
    }

    [Fact]
    public void A_course_not_started_says_start_and_one_hour_is_singular()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item(credited: 1m, started: false)));
        Assert.Equal("Start: How the medicines work", card.Find("a.button").TextContent);
        Assert.Contains("1 of 4 hours credited", card.Find(".progress-line").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Tells_of_hours_waiting_for_sign_off_quizzes_to_reset_and_a_missing_group()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item(pending: 0.75m, locked: ["Medicines and myths"], needGroup: 1)));
        Assert.Equal("0.75 hours waiting for your supervisor's sign-off", card.Find("a[href='/my/hours']").TextContent);
        Assert.Contains("The quiz for “Medicines and myths” has no tries left. Ask your facilitator to reset it.", card.Markup, StringComparison.Ordinal);
        Assert.Contains("You are not in a group yet, so 1 live lesson cannot count", card.Markup, StringComparison.Ordinal);
        Assert.Equal("/courses/mat#group", card.Find("a[href$='#group']").GetAttribute("href"));
    }

    [Fact]
    public void Tells_the_trainee_when_a_newer_version_exists()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item(newer: true)));
        Assert.Contains("You are taking version 2026.1 of this course; a newer version exists.", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_completed_course_links_the_certificate_and_has_no_continue_button()
    {
        var card = Render<MyCourseCard>(p => p.Add(c => c.Course, Item(status: EnrollmentStatus.Completed)));
        Assert.Contains("You completed this course.", card.Markup, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("a.button"));
    }
}
