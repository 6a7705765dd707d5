using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Accounts, the sign-in cookie, antiforgery and the data-protection keys behind both.</summary>
public static class IdentityComposition
{
    public static WebApplicationBuilder AddIdentityAndCookies(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var accounts = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        services.AddIdentity<Person, IdentityRole>(o => PasswordPolicy.Apply(o, accounts))
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddEntityFrameworkStores<TrainingHubDb>()
            .AddDefaultTokenProviders();
        services.AddScoped<EvenSignIn>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(accounts.PasswordResetLinkHours));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "TrainingHub.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Identity checks a cookie's security stamp against the database once per SecurityStampValidatorOptions
            // interval. Its validator is built (with the sign-in and user managers behind it) on every request just to
            // find the check is not yet due; look at the cookie's age first and build it only when the check is due.
            o.Events.OnValidatePrincipal = context =>
            {
                var stamp = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var now = (stamp.TimeProvider ?? TimeProvider.System).GetUtcNow();
                return context.Properties.IssuedUtc is { } issued && now - issued <= stamp.ValidationInterval
                    ? Task.CompletedTask
                    : SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CacheSignInTickets>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "TrainingHub.Antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Every other cookie too (Identity's, TempData's): Secure whenever the request came over HTTPS, which behind a proxy
        // is known only once the forwarded headers are applied (first in the pipeline).
        services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        KeyProtection.Configure(builder);
        return builder;
    }
}
