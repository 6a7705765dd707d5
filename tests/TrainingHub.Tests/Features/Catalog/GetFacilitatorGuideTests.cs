using TrainingHub.Features.Catalog;
using TrainingHub.Features.Shared;

namespace TrainingHub.Tests.Features.Catalog;

public sealed class GetFacilitatorGuideTests : IAsyncLifetime
{
    private const string Course = "recovery-coach";
    private const string Live = "rc-welcome-and-coaching-role";
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_trainee_is_refused_the_guide_even_of_a_lesson_in_their_own_course()
    {
        var trainee = await _host.IdOf(DemoAccounts.Trainee);
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new GetFacilitatorGuide.Query(trainee, Course, Live)));
        Assert.Equal(GetFacilitatorGuide.OnlyForStaff, e.Message);
        var optional = await _host.Send(new GetFacilitatorGuide.Query(trainee, Course, Live, Optional: true));
        Assert.Null(optional.Guide);
    }

    [Fact]
    public async Task A_site_coordinator_or_supervisor_is_refused_the_guide()
    {
        foreach (var email in new[] { DemoAccounts.Coordinator, DemoAccounts.Supervisor })
        {
            var id = await _host.IdOf(email);
            await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new GetFacilitatorGuide.Query(id, Course, Live)));
        }
    }

    [Theory]
    [InlineData(DemoAccounts.Facilitator)]
    [InlineData(DemoAccounts.Admin)]
    public async Task A_facilitator_or_institute_admin_gets_the_guide_of_a_live_lesson(string email)
    {
        var id = await _host.IdOf(email);
        var result = await _host.Send(new GetFacilitatorGuide.Query(id, Course, Live));
        Assert.Equal(Live, result.Lesson!.Id);
        Assert.Same(_host.Catalog.FindGuide(Course, Live), result.Guide);
        Assert.Contains("Teaching points", result.Guide!.Html, StringComparison.Ordinal);
        Assert.Equal((int)(result.Lesson.Hours * 60), result.Guide.Timings.Sum(t => t.Minutes));
    }

    [Fact]
    public async Task A_self_paced_lesson_or_unknown_lesson_has_no_guide_and_answers_not_found()
    {
        var id = await _host.IdOf(DemoAccounts.Facilitator);
        var selfPaced = _host.Catalog.Find(Course)!.Lessons.First(l => l.Delivery == TrainingHub.Content.LessonDelivery.SelfPaced);
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new GetFacilitatorGuide.Query(id, Course, selfPaced.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new GetFacilitatorGuide.Query(id, Course, "no-such-lesson")));
        Assert.Null((await _host.Send(new GetFacilitatorGuide.Query(id, Course, "no-such-lesson", Optional: true))).Guide);
    }
}
