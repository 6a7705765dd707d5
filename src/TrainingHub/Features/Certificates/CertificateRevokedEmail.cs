using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Email;
using TrainingHub.Features.Outbox;
using TrainingHub.Localization;

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
        var words = Words.For(person.PreferredLanguage);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, words["Your certificate was revoked: {0}", certificate.CourseTitle],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["{0} has revoked your certificate for {1} (code {2}).", certificate.InstituteName, certificate.CourseTitle, certificate.Code],
                words["The reason: {0}", revocation.Reason],
                words["Anyone who checks the code at {0} now sees that it is no longer valid. Your hours and quiz results are not changed. If the institute issues a corrected certificate, it will be emailed to you and listed under \"My certificates\". If you think this is a mistake, please contact the institute.",
                    snapshot.VerificationUrl(certificate.Code)]),
            SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
