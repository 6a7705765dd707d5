using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Tests.Features.CertificateIssuance;

/// <summary>
/// A board's approval number is printed only on certificates for training given while the approval was in force
/// (Credentials:ProviderNumbersFrom): the demo's MAT training is credited on 20 November 2026.
/// </summary>
public sealed class ProviderNumberDateTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Credentials:ProviderNumbers:naadac"] = "NAADAC-PROVIDER-77",
        ["Credentials:ProviderNumbersFrom:naadac"] = "2026-11-20",
        ["Credentials:ProviderNumbers:icrc"] = "ICRC-APPROVED-55",
        ["Credentials:ProviderNumbersFrom:icrc"] = "2026-11-21",
        ["Credentials:ProviderNumbers:ma-mbsacc"] = "MA-UNDATED-9",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public async Task The_certificate_prints_only_the_numbers_whose_approval_covered_the_training()
    {
        await MatCompletion.CompleteAsync(_host, DemoAccounts.TraineeB);
        await using var scope = _host.Scope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new DispatchOutbox.Command());
        var certificate = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Certificates.AsNoTracking().SingleAsync();

        var pdf = await sender.Send(new GetCertificateFile.Query(certificate.PersonId, certificate.Id, GetCertificateFile.Format.Pdf));
        var path = Path.Combine(_host.Folder, "dated-numbers.pdf");
        await File.WriteAllBytesAsync(path, pdf.Content);
        var text = DebianTools.Run("pdftotext", "-layout", path, "-");
        Assert.Matches(@"NAADAC\s+NAADAC-PROVIDER-77", text); // approved from the day the training was given
        Assert.Contains("MA-UNDATED-9", text, StringComparison.Ordinal); // no date: counts for all training
        Assert.DoesNotContain("ICRC-APPROVED-55", text, StringComparison.Ordinal); // approved the day after
        Assert.DoesNotContain("ICRC-APPROVED-55", certificate.ProviderNumbers, StringComparison.Ordinal);
    }
}
