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

    /// <summary>On a phone the header's links are folded into a menu: opens it when its button shows (a wide screen shows the links).</summary>
    public static async Task OpenMenuIfFoldedAsync(this IPage page)
    {
        var menu = page.Locator("details.menu > summary");
        if (await menu.IsVisibleAsync() && await page.Locator("details.menu[open]").CountAsync() == 0) await menu.ClickAsync();
    }

    /// <summary>Serious and critical axe-core violations on the page, described one per line; empty when there are none.</summary>
    public static async Task<string> SeriousAccessibilityProblemsAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        return string.Join(Environment.NewLine, serious.Select(v =>
            $"{page.Url}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
    }

    public const int PhoneWidth = 375;

    /// <summary>
    /// Null when the open page fits <paramref name="width"/>; else how wide it is and the innermost elements that stick
    /// out past the screen's right edge (tag, class and the start of their text), so a failure says what to fix.
    /// </summary>
    public static async Task<string?> SidewaysScrollAsync(this IPage page, int width)
    {
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const w = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= w) return [];
              // Inside a scrolling box, unless absolutely placed against something outside it (which the box does not clip).
              const inScroller = e => { const pos = getComputedStyle(e).position; if (pos === 'fixed') return false; for (let p = pos === 'absolute' ? e.offsetParent : e.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
              const name = e => `<${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? ' class="' + e.className + '"' : ''}>`;
              const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > w + 1 && !inScroller(e));
              const innermost = out.filter(e => !out.some(o => o !== e && e.contains(o)));
              const found = innermost.slice(0, 3).map(e => `${name(e)} ${Math.round(e.getBoundingClientRect().right)}px: ${(e.textContent || '').trim().slice(0, 60)}`);
              // Text can run past an element that itself fits (a word too long to break): measure the text too.
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let t = walker.nextNode(); t && found.length < 6; t = walker.nextNode()) {
                const range = document.createRange(); range.selectNodeContents(t);
                const right = range.getBoundingClientRect().right;
                if (right > w + 1 && t.parentElement && getComputedStyle(t.parentElement).overflowX === 'visible' && !inScroller(t.parentElement))
                  found.push(`text in ${name(t.parentElement)} ${Math.round(right)}px: ${t.textContent.trim().slice(0, 60)}`);
              }
              return [String(document.documentElement.scrollWidth), ...found];
            }
            """);
        return found.Length == 0 || int.Parse(found[0]) <= width
            ? null
            : $"the page is {found[0]}px wide, wider than the {width}px screen; sticking out: {string.Join(" | ", found.Skip(1))}";
    }

    /// <summary>
    /// What is wrong with the open page on a 375-px phone (sideways scroll, serious axe findings) and on a desktop (serious
    /// axe findings), one line each; the page is left at desktop size.
    /// </summary>
    public static async Task<List<string>> PhoneAndDesktopProblemsAsync(this IPage page)
    {
        var problems = new List<string>();
        await page.SetViewportSizeAsync(PhoneWidth, 740);
        if (await page.SidewaysScrollAsync(PhoneWidth) is { } wide) problems.Add($"{page.Url}: {wide}");
        foreach (var size in new[] { PhoneWidth, 1280 })
        {
            await page.SetViewportSizeAsync(size, size == PhoneWidth ? 740 : 900);
            var accessibility = await page.SeriousAccessibilityProblemsAsync();
            if (accessibility.Length > 0) problems.Add($"at {size}px: {accessibility}");
        }
        return problems;
    }

    /// <summary>A full-page picture of the open page at phone width, in the test output's screenshots folder; returns its path.</summary>
    public static async Task<string> PhoneScreenshotAsync(this IPage page, string name)
    {
        await page.SetViewportSizeAsync(PhoneWidth, 740);
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}-375px.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);
        return path;
    }

    public static async Task AssertNoSeriousAccessibilityProblemsAsync(this IPage page)
    {
        var problems = await page.SeriousAccessibilityProblemsAsync();
        Assert.True(problems.Length == 0, $"axe-core found serious or critical violations:{Environment.NewLine}{problems}");
    }
}
