using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TrainingHub.Browser.Tests;

/// <summary>What a person does on the site, and the checks every page must pass.</summary>
public static class PageActions
{
    public static async Task SignInAsync(this IPage page, string email, string? password = null)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password ?? DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public static async Task SignInAndWaitForHomeAsync(this IPage page, string email)
    {
        await page.SignInAsync(email);
        // Each role lands on its own home (RoleHomes); a trainee on "My courses".
        await Expect(page).ToHaveURLAsync(new Regex("/(dashboard|institute|sites|supervise|facilitate)$"));
    }

    /// <summary>Serious and critical axe-core violations on the page, described one per line; empty when there are none.</summary>
    public static async Task<string> SeriousAccessibilityProblemsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        return string.Join(Environment.NewLine, serious.Select(v =>
            $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
    }

    public static async Task AssertNoSeriousAccessibilityProblemsAsync(this IPage page)
    {
        var problems = await page.SeriousAccessibilityProblemsAsync();
        Assert.True(problems.Length == 0, $"axe-core found serious or critical violations:{Environment.NewLine}{problems}");
    }
}
