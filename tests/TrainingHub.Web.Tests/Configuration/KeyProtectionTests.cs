using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Tests.Configuration;

/// <summary>In Production the keys behind sign-in cookies and the badge-signing key must be encrypted at rest (docs/security.md).</summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public void In_production_the_site_refuses_to_start_without_a_certificate_for_its_keys()
    {
        using var site = new SiteFactory();
        using var production = site.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains(KeyProtection.MissingCertificate, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_with_a_certificate_the_site_starts_and_stores_its_keys_encrypted()
    {
        var pfx = Path.Combine(Directory.CreateTempSubdirectory("traininghub-keys-").FullName, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=TrainingHub test keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test password"));
        }
        using var site = new SiteFactory();
        site.Settings["DataProtection:CertificatePath"] = pfx;
        site.Settings["DataProtection:CertificatePassword"] = "test password";
        using var production = site.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var client = production.CreateClient();
        // The sign-in page carries an antiforgery token, so answering it makes (or reads) a data-protection key.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
        await using var scope = production.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.Contains(keys, k => k!.Contains("encryptedSecret", StringComparison.Ordinal));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
