using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The data-protection keys live in the database (every server shares them). Whoever can read the database could forge
/// sign-in cookies and read the badge-signing key with them, so in Production the keys are encrypted with a certificate
/// from DataProtection:CertificatePath, and the site refuses to start without one unless an operator says otherwise.
/// </summary>
public static class KeyProtection
{
    public const string MissingCertificate =
        "DataProtection:CertificatePath is not set. In Production the keys that protect sign-in cookies and the badge-signing key " +
        "must be encrypted at rest: set DataProtection:CertificatePath to a PFX file (the same on every server) and " +
        "DataProtection:CertificatePassword, or set DataProtection:AllowUnprotectedKeys=true to accept keys that are not encrypted.";

    public static void Configure(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        var protection = builder.Services.AddDataProtection();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var path = Path.GetFullPath(options.CertificatePath, builder.Environment.ContentRootPath);
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword));
        }
        else if (builder.Environment.IsProduction() && !options.AllowUnprotectedKeys)
        {
            throw new InvalidOperationException(MissingCertificate);
        }
    }
}
