using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Email;
using TrainingHub.Features.Outbox;

namespace TrainingHub.Features.Certificates;

/// <summary>Tells a trainee that their certificate was revoked, why, and what a board checking its code now sees.</summary>
public sealed class CertificateRevokedEmail(TrainingHubDb db, IMailSender mail, CertificateSnapshot snapshot) : IOutboxHandler<CertificateRevokedNoticeDue>
{
    public async Task HandleAsync(CertificateRevokedNoticeDue message, OutboxDelivery delivery, CancellationToken ct)
    {
        var id = message.CertificateId;
        var certificate = await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var revocation = await db.CertificateRevocations.AsNoTracking().SingleAsync(r => r.CertificateId == id, ct);
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == certificate.PersonId, ct);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, $"Your certificate was revoked: {certificate.CourseTitle}",
            $"""
            Hello {person.FullName},

            {certificate.InstituteName} has revoked your certificate for {certificate.CourseTitle} (code {certificate.Code}).

            The reason: {revocation.Reason}

            Anyone who checks the code at {snapshot.VerificationUrl(certificate.Code)} now sees that it is no longer valid.
            Your hours and quiz results are not changed. If the institute issues a corrected certificate, it will be emailed
            to you and listed under "My certificates". If you think this is a mistake, please contact the institute.
            """, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
