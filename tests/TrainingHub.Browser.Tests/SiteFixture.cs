using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Content;

namespace TrainingHub.Browser.Tests;

/// <summary>
/// One running site and one headless Chromium, shared by the browser tests. A fixture that needs other settings or a
/// clock it can move derives from this one and gets a site of its own.
/// </summary>
public class SiteFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;
    private SiteFactory? _site;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SiteFixture() : this(new Dictionary<string, string>(), null)
    {
    }

    /// <summary>A site of a fixture's own, with settings on top of the browser tests' own and, if given, its own clock.</summary>
    protected SiteFixture(IReadOnlyDictionary<string, string> settings, TimeProvider? clock)
    {
        _settings = settings;
        _clock = clock;
    }

    public Uri BaseAddress => Site.BaseAddress;

    public CourseCatalog Catalog => Site.Services.GetRequiredService<CourseCatalog>();

    public IServiceProvider Services => Site.Services;

    /// <summary>Where the site's e-mails land (the pickup folder), to follow an invitation link as its reader would.</summary>
    public string MailFolder => Site.MailFolder;

    private SiteFactory Site => _site ?? throw new InvalidOperationException("The site has not started.");

    public async Task InitializeAsync()
    {
        _site = new SiteFactory { Clock = _clock };
        foreach (var (key, value) in _settings) _site.Settings[key] = value;
        _site.StartServer();
        _playwright = await Playwright.CreateAsync();
        // Debian's Chromium, installed by tools/test.sh: the tests never download a browser.
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A page in a fresh browser context, so each test starts signed out with no cookies.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser has not started.");
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_site is not null) await _site.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>
{
    public const string Name = "Site in a browser";
}
