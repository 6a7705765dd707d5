using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Features.Outbox;
using TrainingHub.Tests.Features.Sites;

namespace TrainingHub.Tests.Features.CertificateIssuance;

/// <summary>Revoking asks for a reason and a confirmation and tells the trainee once; a revoked certificate can be reissued.</summary>
public sealed class RevokeAndReissueTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(Certificate Certificate, string AdminId)> IssuedAsync()
    {
        await MatCompletion.CompleteAsync(_host, DemoAccounts.TraineeB);
        await DispatchAsync();
        await using var read = _host.Scope();
        var rdb = read.ServiceProvider.GetRequiredService<TrainingHubDb>();
        var admin = await rdb.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.Id).SingleAsync();
        return (await rdb.Certificates.AsNoTracking().SingleAsync(), admin);
    }

    private async Task DispatchAsync()
    {
        await using var scope = _host.Scope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
    }

    private async Task<T> Db<T>(Func<TrainingHubDb, Task<T>> read)
    {
        await using var scope = _host.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<TrainingHubDb>());
    }

    private async Task SendAsync<T>(T command) where T : ICommand
    {
        await using var scope = _host.Scope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    [Theory]
    [InlineData("", true, "Say why the certificate is revoked.")]
    [InlineData("   ", true, "Say why the certificate is revoked.")]
    [InlineData("Issued before the ethics sign-off was revoked", false, "Tick the box to confirm")]
    [InlineData(null, true, "Keep the reason under 1,000 characters.")]
    public async Task Revoking_without_a_reason_or_a_confirmation_is_refused_in_plain_words_and_writes_nothing(string? reason, bool confirmed, string message)
    {
        var (certificate, admin) = await IssuedAsync();
        var outboxBefore = await Db(db => db.OutboxMessages.CountAsync());

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            SendAsync(new RevokeCertificate.Command(admin, certificate.Id, reason ?? new string('x', 1001), confirmed)));

        Assert.Contains(refused.Errors, e => e.ErrorMessage.StartsWith(message, StringComparison.Ordinal));
        Assert.False(await Db(db => db.CertificateRevocations.AnyAsync()));
        Assert.False(await Db(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.CertificateRevoked)));
        Assert.Equal(outboxBefore, await Db(db => db.OutboxMessages.CountAsync()));
        await using var scope = _host.Scope();
        Assert.Equal(VerifyCertificate.Outcome.Valid, (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new VerifyCertificate.Query(certificate.Code))).Outcome);
    }

    [Fact]
    public async Task Two_admins_revoking_at_once_make_one_revocation_and_the_trainee_gets_one_email_with_the_reason()
    {
        var (certificate, admin) = await IssuedAsync();
        const string reason = "Issued before the ethics sign-off was revoked";

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await SendAsync(new RevokeCertificate.Command(admin, certificate.Id, reason, true));
                return "revoked";
            }
            catch (FluentValidation.ValidationException e)
            {
                return Assert.Single(e.Errors).ErrorMessage;
            }
        }));

        Assert.Single(outcomes, o => o == "revoked");
        Assert.All(outcomes.Where(o => o != "revoked"), o => Assert.Equal("This certificate is already revoked.", o));
        Assert.Equal(1, await Db(db => db.CertificateRevocations.CountAsync()));
        Assert.Equal(1, await Db(db => db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.CertificateRevokedEmail)));
        var audit = await Db(db => db.AuditEvents.SingleAsync(a => a.Action == AuditActions.CertificateRevoked));
        Assert.Contains(reason, audit.Details, StringComparison.Ordinal);

        await Task.WhenAll(DispatchAsync(), DispatchAsync());
        await DispatchAsync();
        var mail = Assert.Single(Mailbox.To(_host.Folder, DemoAccounts.TraineeB), m => m.Subject.StartsWith("Your certificate was revoked", StringComparison.Ordinal));
        Assert.Contains(reason, mail.Body, StringComparison.Ordinal);
        Assert.Contains(certificate.Code, mail.Body, StringComparison.Ordinal);

        await using var scope = _host.Scope();
        var mine = Assert.Single(await scope.ServiceProvider.GetRequiredService<ISender>().Send(new MyCertificates.Query(certificate.PersonId)));
        Assert.Equal(CertificateState.Revoked, mine.State);
        Assert.Equal(reason, mine.RevokedReason);
    }

    [Fact]
    public async Task A_revoked_certificate_is_reissued_once_with_a_new_code_and_the_old_code_stays_revoked()
    {
        var (certificate, admin) = await IssuedAsync();
        await SendAsync(new RevokeCertificate.Command(admin, certificate.Id, "Wrong name printed", true));

        Guid reissuedId;
        await using (var scope = _host.Scope())
        {
            reissuedId = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReissueCertificate.Command(admin, certificate.Id, "Name corrected"));
        }

        var reissued = await Db(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == reissuedId));
        Assert.NotEqual(certificate.Code, reissued.Code);
        Assert.Equal(certificate.Id, reissued.SupersedesId);
        await using (var scope = _host.Scope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            Assert.Equal(VerifyCertificate.Outcome.Revoked, (await sender.Send(new VerifyCertificate.Query(certificate.Code))).Outcome);
            Assert.Equal(VerifyCertificate.Outcome.Valid, (await sender.Send(new VerifyCertificate.Query(reissued.Code))).Outcome);
            var old = Assert.Single(await sender.Send(new ListCertificates.Query(admin, certificate.Id)));
            Assert.Equal(CertificateState.Revoked, old.State);
            Assert.Equal(reissued.Code, old.ReplacedByCode);
            Assert.False(old.CanReissue);
            var again = await Assert.ThrowsAsync<FluentValidation.ValidationException>(async () => await sender.Send(new ReissueCertificate.Command(admin, certificate.Id, "Again")));
            Assert.Contains("already replaced", Assert.Single(again.Errors).ErrorMessage, StringComparison.Ordinal);
        }
        Assert.Equal(2, await Db(db => db.Certificates.CountAsync()));
    }
}
