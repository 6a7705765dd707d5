using Microsoft.Playwright;
using TrainingHub.Data;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>A site of its own: trainee.b's ethics enrolment and group must not depend on what the shared site's tests did first.</summary>
public sealed class GroupRequestSite : SiteFixture;

[CollectionDefinition(Name)]
public sealed class GroupRequestCollection : ICollectionFixture<GroupRequestSite>
{
    public const string Name = "Group requests in a browser";
}

[Collection(GroupRequestCollection.Name)]
public sealed class GroupRequestJourneyTests(GroupRequestSite site)
{
    [Fact]
    public async Task A_self_enrolled_trainee_asks_to_join_a_group_and_the_coordinator_accepts()
    {
        var problems = new List<string>();
        var trainee = await site.NewPageAsync();
        await trainee.SignInAndWaitForHomeAsync(DemoAccounts.TraineeB);
        await trainee.GotoAsync("/courses/ethics");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Enrol in this course" }).ClickAsync();
        var notice = trainee.Locator("#group");
        await Expect(notice.GetByRole(AriaRole.Heading, new() { Name = "Live lessons need a group" })).ToBeVisibleAsync();
        await trainee.GetByLabel("Anything your coordinator should know").FillAsync("I can come on Wednesdays.");
        await trainee.GetByRole(AriaRole.Button, new() { Name = "Ask to join a group" }).ClickAsync();
        await Expect(notice.GetByRole(AriaRole.Status)).ToContainTextAsync("Your coordinator will answer by e-mail.");
        problems.AddRange(await trainee.PhoneAndDesktopProblemsAsync());

        var coordinator = await site.NewPageAsync();
        await coordinator.SignInAsync(DemoAccounts.CoordinatorB);
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "1 trainee asking to join a group" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Lena Brooks" })).ToBeVisibleAsync();
        await Expect(coordinator.GetByText("Their note: I can come on Wednesdays.")).ToBeVisibleAsync();
        problems.AddRange(await coordinator.PhoneAndDesktopProblemsAsync());
        await coordinator.GetByLabel("Spring 2027 Ethics cohort").CheckAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Add to this group" }).ClickAsync();
        await Expect(coordinator.GetByRole(AriaRole.Status)).ToContainTextAsync("The trainee is in the group");
        await Expect(coordinator.GetByText("No one is waiting for an answer.")).ToBeVisibleAsync();

        await trainee.GotoAsync("/courses/ethics");
        await Expect(trainee.Locator("#group")).ToHaveCountAsync(0);
        await trainee.GotoAsync("/dashboard");
        await Expect(trainee.GetByText("Ask to join a group")).ToHaveCountAsync(0);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
