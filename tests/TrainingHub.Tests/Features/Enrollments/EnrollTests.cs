using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Enrollments;

namespace TrainingHub.Tests.Features.Enrollments;

public sealed class EnrollTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private string _trainee = "";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        await using var scope = _host.Scope();
        _trainee = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users
            .Where(u => u.Email == DemoAccounts.TraineeB).Select(u => u.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> Enroll(string courseId)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Enroll.Command(_trainee, courseId));
    }

    private async Task<List<Enrollment>> Enrollments()
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Enrollments.AsNoTracking().Where(e => e.PersonId == _trainee).ToListAsync();
    }

    [Fact]
    public async Task Enrolling_pins_the_course_version_and_content_hash_and_is_audited()
    {
        var id = await Enroll("mat");
        var enrollment = Assert.Single(await Enrollments());
        Assert.Equal(id, enrollment.Id);
        await using var scope = _host.Scope();
        var course = scope.ServiceProvider.GetRequiredService<CourseCatalog>().Find("mat")!;
        Assert.Equal(course.Version, enrollment.CourseVersion);
        Assert.Equal(course.ContentHash, enrollment.ContentHash);
        var audit = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.SingleAsync(a => a.Action == AuditActions.Enrolled);
        Assert.Equal(_trainee, audit.ActorId);
        Assert.Equal($"enrollment/{id}", audit.Subject);
    }

    [Fact]
    public async Task Enrolling_twice_or_at_once_keeps_one_enrolment()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Enroll("ethics")));
        Assert.Single(ids.Distinct());
        Assert.Single(await Enrollments());
    }

    [Fact]
    public async Task An_unknown_course_is_refused_with_a_plain_message_and_nothing_is_written()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Enroll("no-such-course"));
        Assert.Equal("This course is not open for enrolment. Choose a course from the catalog.", Assert.Single(e.Errors).ErrorMessage);
        Assert.Empty(await Enrollments());
        await using var scope = _host.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.AnyAsync(a => a.Action == AuditActions.Enrolled));
    }

    [Fact]
    public async Task My_courses_lists_what_the_person_enrolled_in()
    {
        await Enroll("mat");
        await using var scope = _host.Scope();
        var mine = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new MyCourses.Query(_trainee));
        var item = Assert.Single(mine);
        Assert.Equal("mat", item.CourseId);
        Assert.Equal(4.0m, item.Hours);
        Assert.False(item.NewerVersionAvailable);
    }
}
