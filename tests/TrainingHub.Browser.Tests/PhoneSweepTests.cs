using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace TrainingHub.Browser.Tests;

/// <summary>
/// Every page each role of the demo data can reach, at 375 px: no sideways scroll, no target under 24 × 24 px (WCAG 2.2
/// 2.5.8, with its inline and spacing exceptions) and no serious or critical axe finding. One browser, one context per
/// role, pages one after another, each page kind (route) once per role and at most <see cref="PerRole"/> pages a role; axe
/// runs once per page kind over all roles (the layout and components are the page kind's, the scroll and target checks
/// run on every page), so the sweep stays a bounded CI test. Screenshots of every page go to
/// <c>TRAININGHUB_SWEEP_SCREENSHOTS</c> when set (the phone screenshots), else to the test output.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PhoneSweepTests(SiteFixture site)
{
    private const int Width = PageActions.PhoneWidth;
    private const int PerRole = 30;

    /// <summary>Page kinds already checked by axe in this run (the roles run one after another in the site's collection).</summary>
    private static readonly HashSet<string> AxeChecked = new(StringComparer.Ordinal);

    /// <summary>Links that leave the pages: files, the job dashboard (Hangfire's own), feeds and signing out.</summary>
    private static readonly string[] NotPages = ["/jobs", "/account/sign-out", "/language", "/calendar/", "/verify/status", "/.well-known/"];

    private static string ScreenshotFolder => Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("TRAININGHUB_SWEEP_SCREENSHOTS") is { Length: > 0 } folder
            ? folder : Path.Combine(AppContext.BaseDirectory, "screenshots", "phone-sweep")).FullName;

    public static TheoryData<string> Roles() =>
    [
        "", DemoAccounts.Trainee, DemoAccounts.Coach, DemoAccounts.Supervisor, DemoAccounts.Facilitator, DemoAccounts.Coordinator, DemoAccounts.Admin,
    ];

    [Theory]
    [MemberData(nameof(Roles))]
    [Trait(Speed.Trait, Speed.Slow)]
    public async Task Every_page_of_the_role_fits_a_phone_with_large_enough_targets_and_no_serious_axe_findings(string email)
    {
        var page = await site.NewPageAsync(new ViewportSize { Width = Width, Height = 740 });
        var role = email.Length == 0 ? "public" : email.Split('@')[0];
        if (email.Length > 0) await page.SignInAndWaitForHomeAsync(email);
        else await page.GotoAsync("/");

        var routes = PageRoutes();
        var routesSeen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([new Uri(page.Url).PathAndQuery, "/", "/courses"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var visited = 0;
        while (queue.Count > 0 && visited < PerRole)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path)) continue;
            var route = routes.RouteOf(path);
            if (route is null || !routesSeen.Add(route)) continue;

            IResponse? response;
            try
            {
                response = await page.GotoAsync(path);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
            {
                continue; // a file, not a page
            }
            if (response is null || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal)) continue;
            visited++;
            if (!response.Ok) problems.Add($"{path}: HTTP {response.Status}");
            // A link shown to the role must work for it: being sent to sign in or refused is a broken link too.
            var landed = new Uri(page.Url).AbsolutePath;
            if (landed is "/account/access-denied" || (email.Length > 0 && landed is "/account/sign-in"))
                problems.Add($"{path}: the link leads to {landed} for {role}");
            bool axe;
            lock (AxeChecked) axe = AxeChecked.Add(route);
            problems.AddRange(await ProblemsAsync(page, path, axe));
            await page.ScreenshotAsync(new()
            {
                Path = Path.Combine(ScreenshotFolder, $"{role}{Slug(path)}.png"),
                FullPage = true,
            });
            foreach (var link in await page.EvaluateAsync<string[]>(Links)) queue.Enqueue(link);
        }
        await page.Context.CloseAsync();

        Assert.True(visited >= 3, $"{role}: only {visited} pages were reached");
        Assert.True(problems.Count == 0, $"{role}, {visited} pages:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    /// <summary>Same-origin links of the page, as paths, without fragments, leaving out what is not a page.</summary>
    private const string Links = """
        () => [...document.querySelectorAll('a[href]:not([download])')]
          .map(a => new URL(a.href, location.href))
          .filter(u => u.origin === location.origin)
          .map(u => u.pathname + u.search)
          .filter(p => !/\.(csv|pdf|ics|jwt|json|png|svg|zip)(\?|$)/i.test(p) && !/[?&]handler=/i.test(p));
        """;

    private static async Task<IEnumerable<string>> ProblemsAsync(IPage page, string path, bool axe)
    {
        var problems = new List<string>();
        if (await page.SidewaysScrollAsync(Width) is { } wide) problems.Add($"{path}: {wide}");
        var small = await page.EvaluateAsync<JsonElement>(SmallTargets);
        foreach (var target in small.EnumerateArray()) problems.Add($"{path}: target under 24 px: {target.GetString()}");
        if (!axe) return problems;
        var findings = await page.SeriousAccessibilityProblemsAsync();
        if (findings.Length > 0) problems.Add(findings);
        return problems;
    }

    /// <summary>
    /// WCAG 2.2 target size (minimum): a target smaller than 24 × 24 CSS px passes only when it is a link inside a
    /// sentence or block of text (inline exception) or when a 24-px circle centred on it touches no other target and no
    /// other small target's circle (spacing exception).
    /// </summary>
    private const string SmallTargets = """
        () => {
          const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';
          const all = [...document.querySelectorAll(selector)]
            .filter(e => e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
            .map(e => ({ e, r: e.getBoundingClientRect() }))
            .filter(t => t.r.width > 1 && t.r.height > 1 && t.r.right > 0 && t.r.left < document.documentElement.scrollWidth);
          const inSentence = e => {
            if (getComputedStyle(e).display !== 'inline') return false;
            let block = e.parentElement;
            while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
            return !!block && block.innerText.trim().length > e.innerText.trim().length + 1;
          };
          const small = all.filter(t => (t.r.width < 24 || t.r.height < 24) && !inSentence(t.e));
          const centre = r => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
          const distance = (p, r) => Math.hypot(Math.max(r.left - p.x, 0, p.x - r.right), Math.max(r.top - p.y, 0, p.y - r.bottom));
          const related = (a, b) => a.contains(b) || b.contains(a) || (a.tagName === 'LABEL' && a.control === b) || (b.tagName === 'LABEL' && b.control === a);
          return small.filter(t => {
            const c = centre(t.r);
            const clash = all.some(o => o !== t && !related(o.e, t.e) && (
              distance(c, o.r) < 12 ||
              (small.includes(o) && Math.hypot(centre(o.r).x - c.x, centre(o.r).y - c.y) < 24)));
            return clash;
          }).map(t => `${t.e.tagName.toLowerCase()} "${(t.e.innerText || t.e.getAttribute('aria-label') || t.e.name || '').trim().slice(0, 40)}" ${Math.round(t.r.width)}×${Math.round(t.r.height)}`);
        }
        """;

    private static string Slug(string path)
    {
        var slug = new string(path.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return "-" + (slug.Length == 0 ? "home" : slug.Length > 80 ? slug[..80] : slug);
    }

    private PageRouteTable PageRoutes() => new(site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.RawText is not null)
        .Select(e => e.RoutePattern.RawText!));

    /// <summary>Which Razor Page route a path belongs to (the most specific that matches), so each kind of page is visited a bounded number of times.</summary>
    private sealed class PageRouteTable(IEnumerable<string> templates)
    {
        private readonly List<(string Template, TemplateMatcher Matcher, int Literals)> _routes = templates.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(t => TemplateParser.Parse(t.TrimStart('/')))
            .Select(t => (t.TemplateText ?? "", new TemplateMatcher(t, new RouteValueDictionary()), t.Segments.Count(s => s.IsSimple && s.Parts[0].IsLiteral)))
            .OrderByDescending(r => r.Item3).ToList();

        public string? RouteOf(string pathAndQuery)
        {
            if (NotPages.Any(p => pathAndQuery.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return null;
            var path = pathAndQuery.Split('?')[0];
            foreach (var (template, matcher, _) in _routes)
            {
                if (matcher.TryMatch(path, new RouteValueDictionary())) return template;
            }
            return null;
        }
    }
}
