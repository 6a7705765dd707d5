using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Domain;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Which language a request is answered in (docs/decisions/0019-languages.md): a signed-in person's saved choice (a
/// claim in their sign-in cookie, so no request reads the database for it), else the language switch's cookie, else the
/// browser's Accept-Language, else English. Words come from resource files through <c>IStringLocalizer</c>.
/// </summary>
public static class LocalizationComposition
{
    public const string LanguageClaim = "th:lang";

    public static WebApplicationBuilder AddSiteLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddScoped<IUserClaimsPrincipalFactory<Person>, PersonClaimsFactory>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SiteLanguages.All.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(SiteLanguages.English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new SavedChoiceProvider(),
                new CookieRequestCultureProvider { CookieName = CookieName },
                new InvitationLanguageProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>After authentication, so a signed-in person's saved choice is known.</summary>
    public static WebApplication UseSiteLocalization(this WebApplication app)
    {
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        // The words follow the language ("es"); dates and numbers follow its readers' region (SiteLanguages.Formats).
        app.Use((context, next) =>
        {
            CultureInfo.CurrentCulture = SiteLanguages.Formats(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            return next(context);
        });
        return app;
    }

    public const string CookieName = "TrainingHub.Language";

    /// <summary>Remembers the chosen language in this browser for a year (it is not personal data: only "en" or "es").</summary>
    public static void RememberLanguage(HttpResponse response, string language) =>
        response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
        });

    /// <summary>
    /// The join page opens in the language the inviter chose for someone new (saved as the invited person's choice), unless
    /// this browser chose one with the switch.
    /// </summary>
    private sealed class InvitationLanguageProvider : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var path = httpContext.Request.Path.Value ?? "";
            if (!path.StartsWith(InvitationLinks.JoinPath, StringComparison.OrdinalIgnoreCase)) return null;
            var hash = InvitationLinks.Hash(path[InvitationLinks.JoinPath.Length..].TrimEnd('/'));
            var db = httpContext.RequestServices.GetRequiredService<TrainingHub.Data.TrainingHubDb>();
            var language = await (from i in db.Invitations
                                  join p in db.Users on i.PersonId equals p.Id
                                  where i.TokenHash == hash
                                  select p.PreferredLanguage).FirstOrDefaultAsync(httpContext.RequestAborted);
            return SiteLanguages.IsSupported(language) ? new ProviderCultureResult(language) : null;
        }
    }

    private sealed class SavedChoiceProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var saved = httpContext.User.FindFirstValue(LanguageClaim);
            return Task.FromResult(SiteLanguages.IsSupported(saved) ? new ProviderCultureResult(saved) : null);
        }
    }
}

/// <summary>Puts the person's saved language into their sign-in cookie, next to their roles.</summary>
internal sealed class PersonClaimsFactory(UserManager<Person> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Person, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (SiteLanguages.IsSupported(user.PreferredLanguage)) identity.AddClaim(new Claim(LocalizationComposition.LanguageClaim, user.PreferredLanguage!));
        return identity;
    }
}
