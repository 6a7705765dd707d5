using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Outbox;
using TrainingHub.PdfLayout;

namespace TrainingHub.Features.Certificates;

/// <summary>Emails a new certificate to its trainee with the PDF attached.</summary>
public sealed class CertificateEmailWork(TrainingHubDb db, IMailSender mail, CertificateSnapshot snapshot) : IOutboxHandler<CertificateEmailDue>
{
    public async Task HandleAsync(CertificateEmailDue message, OutboxDelivery delivery, CancellationToken ct)
    {
        var id = message.CertificateId;
        var certificate = await db.Certificates.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == certificate.PersonId, ct);
        var pdf = CertificatePdf.Render(snapshot.Content(certificate));
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, $"Your certificate: {certificate.CourseTitle}",
            $"""
            Hello {person.FullName},

            Congratulations on completing {certificate.CourseTitle} ({certificate.Hours:0.##} hours). Your certificate is attached.

            Anyone can check it at {snapshot.VerificationUrl(certificate.Code)} (code {certificate.Code}).
            You can also download it again, or as a digital badge, from "My certificates".
            """,
            [new MailAttachment($"certificate-{certificate.CourseId}.pdf", "application/pdf", pdf)], $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
