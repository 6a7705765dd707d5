using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Certificates.Badges;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Features.Enrollments;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Quizzes;
using TrainingHub.Features.Shared;

namespace TrainingHub.Tests.Features.CertificateIssuance;

public sealed class CertificateIssuanceTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        // One setting serves eligibility and certificates; the certificate prints it under the board's name.
        ["Credentials:ProviderNumbers:naadac"] = "NAADAC-PROVIDER-77",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Enrollment> CompleteMat(string email) => MatCompletion.CompleteAsync(_host, email);

    private async Task<int> Dispatch()
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
    }

    private async Task<List<Certificate>> Certificates()
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Certificates.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task Completing_a_course_writes_one_request_and_the_job_issues_one_certificate_and_emails_it()
    {
        var enrollment = await CompleteMat(DemoAccounts.TraineeB);
        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        await using (var scope = _host.Scope())
        {
            var outbox = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().OutboxMessages.AsNoTracking().ToListAsync();
            Assert.Single(outbox, m => m.Kind == OutboxKind.CertificateRequest && m.Key == $"certificate/{enrollment.Id}/{enrollment.CourseVersion}");
        }
        await Dispatch();
        var certificate = Assert.Single(await Certificates());
        Assert.Equal("Lena Brooks", certificate.TraineeName);
        Assert.Equal(4.0m, certificate.Hours);
        Assert.Equal(new DateOnly(2026, 11, 20), certificate.CompletedOn);
        Assert.StartsWith("Blended:", certificate.DeliveryMode, StringComparison.Ordinal);
        await Dispatch();
        var mail = Directory.GetFiles(Path.Combine(_host.Folder, "mail")).Select(File.ReadAllText).Single(m => m.Contains("Subject: Your certificate", StringComparison.Ordinal));
        Assert.Contains("application/pdf", mail, StringComparison.Ordinal);
        Assert.Contains(certificate.Code, mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_a_second_server_racing_and_a_double_completion_never_make_a_second_certificate()
    {
        var enrollment = await CompleteMat(DemoAccounts.TraineeB);
        await using (var scope = _host.Scope())
        {
            // A double completion asks again: the request key is the same, so no second request is written.
            var completion = scope.ServiceProvider.GetRequiredService<CompletionCheck>();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
            await completion.RequestCertificateAsync(await db.Enrollments.SingleAsync(e => e.Id == enrollment.Id), default);
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.CertificateRequest));
        }
        // Two servers process the outbox at the same moment, and each also issues directly as a retried job would.
        var racers = Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = _host.Scope();
            if (i % 2 == 0) await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
            else await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().IssueAsync(enrollment.Id, enrollment.CourseVersion, 1, null, null, default);
        });
        await Task.WhenAll(racers);
        await Dispatch();
        Assert.Single(await Certificates());
    }

    [Fact]
    public async Task A_request_left_unprocessed_when_job_storage_was_lost_is_issued_by_the_reconciliation_pass()
    {
        await CompleteMat(DemoAccounts.TraineeB);
        Assert.Empty(await Certificates());
        // Nothing was enqueued (the in-memory job storage is empty after a restart); the recurring pass finds the request.
        Assert.True(await Dispatch() >= 1);
        Assert.Single(await Certificates());
    }

    [Fact]
    public async Task Verification_shows_valid_then_revoked_with_its_date_and_a_reissue_supersedes_the_old_code()
    {
        await CompleteMat(DemoAccounts.TraineeB);
        await Dispatch();
        var first = Assert.Single(await Certificates());
        await using var scope = _host.Scope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var admin = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.Id).SingleAsync();

        var valid = await sender.Send(new VerifyCertificate.Query(first.Code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)));
        Assert.Equal(VerifyCertificate.Outcome.Valid, valid.Outcome);
        Assert.Equal(first.InstituteName, valid.IssuedBy);                  // the page names who vouches for it
        Assert.False(string.IsNullOrWhiteSpace(valid.IssuedBy));
        Assert.Equal("Lena Brooks", valid.TraineeName);
        Assert.Equal(VerifyCertificate.Outcome.Unknown, (await sender.Send(new VerifyCertificate.Query(VerificationCode.New()))).Outcome);
        Assert.Equal(VerifyCertificate.Outcome.Malformed, (await sender.Send(new VerifyCertificate.Query("<script>"))).Outcome);

        var reissuedId = await sender.Send(new ReissueCertificate.Command(admin, first.Id, "Name corrected"));
        Assert.Equal(VerifyCertificate.Outcome.Superseded, (await sender.Send(new VerifyCertificate.Query(first.Code))).Outcome);
        var reissued = (await Certificates()).Single(c => c.Id == reissuedId);
        Assert.Equal(first.Id, reissued.SupersedesId);

        await Assert.ThrowsAsync<FluentValidation.ValidationException>(async () => await sender.Send(new RevokeCertificate.Command(admin, reissued.Id, "", true)));
        var trainee = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Users.Where(u => u.Email == DemoAccounts.TraineeB).Select(u => u.Id).SingleAsync();
        await Assert.ThrowsAsync<TrainingHub.Features.Shared.ForbiddenException>(async () => await sender.Send(new RevokeCertificate.Command(trainee, reissued.Id, "mine", true)));
        await sender.Send(new RevokeCertificate.Command(admin, reissued.Id, "Issued in error", true));
        var revoked = await sender.Send(new VerifyCertificate.Query(reissued.Code));
        Assert.Equal(VerifyCertificate.Outcome.Revoked, revoked.Outcome);
        Assert.NotNull(revoked.RevokedOn);
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.CertificateRevoked && a.Subject == $"certificate/{reissued.Id}"));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.CertificateReissued && a.Subject == $"certificate/{reissued.Id}"));

        var statusJwt = (await sender.Send(new GetStatusList.Query())).Jwt;
        var key = scope.ServiceProvider.GetRequiredService<InstituteSigningKey>();
        var status = await Verify(statusJwt, key);
        var encoded = status.GetPayloadValue<System.Text.Json.JsonElement>("credentialSubject").GetProperty("encodedList").GetString()!;
        Assert.True(StatusList.IsRevoked(encoded, reissued.StatusIndex));
        Assert.False(StatusList.IsRevoked(encoded, first.StatusIndex));
    }

    [Fact]
    [Trait(Speed.Trait, Speed.Slow)]
    public async Task The_downloads_are_a_pdf_a_board_can_read_and_a_badge_signed_with_the_published_key()
    {
        await CompleteMat(DemoAccounts.TraineeB);
        await Dispatch();
        var certificate = Assert.Single(await Certificates());
        await using var scope = _host.Scope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var pdf = await sender.Send(new GetCertificateFile.Query(certificate.PersonId, certificate.Id, GetCertificateFile.Format.Pdf));
        var path = Path.Combine(_host.Folder, "certificate.pdf");
        await File.WriteAllBytesAsync(path, pdf.Content);
        var text = DebianTools.Run("pdftotext", "-layout", path, "-");
        Assert.Contains("Lena Brooks", text, StringComparison.Ordinal);
        Assert.Contains(certificate.Code, text, StringComparison.Ordinal);
        Assert.Matches(@"NAADAC\s+NAADAC-PROVIDER-77", text);

        var badge = await sender.Send(new GetCertificateFile.Query(certificate.PersonId, certificate.Id, GetCertificateFile.Format.OpenBadge));
        var token = await Verify(Encoding.ASCII.GetString(badge.Content), scope.ServiceProvider.GetRequiredService<InstituteSigningKey>());
        Assert.Contains("OpenBadgeCredential", token.GetPayloadValue<System.Text.Json.JsonElement>("type").ToString(), StringComparison.Ordinal);

        await Assert.ThrowsAsync<TrainingHub.Features.Shared.NotFoundException>(async () =>
            await sender.Send(new GetCertificateFile.Query("someone-else", certificate.Id, GetCertificateFile.Format.Pdf)));
    }

    private static async Task<JsonWebToken> Verify(string jwt, InstituteSigningKey key)
    {
        var jwk = new JsonWebKey(key.PublicJwkJson());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = jwk, ValidateIssuer = false, ValidateAudience = false, ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
