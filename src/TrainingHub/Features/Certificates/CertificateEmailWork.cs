using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Features.Outbox;
using TrainingHub.Localization;
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
        // The language at sending time: a person who changed it since completing gets the e-mail and PDF in the new one.
        var words = Words.For(person.PreferredLanguage);
        var pdf = CertificatePdf.Render(snapshot.Content(certificate), words);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, words["Your certificate: {0}", certificate.CourseTitle],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["Congratulations on completing {0} ({1} hours). Your certificate is attached.", certificate.CourseTitle, words.Hours(certificate.Hours)],
                words["Anyone can check it at {0} (code {1}). You can also download it again, or as a digital badge, from \"My certificates\".",
                    snapshot.VerificationUrl(certificate.Code), certificate.Code]),
            [new MailAttachment($"certificate-{certificate.CourseId}.pdf", "application/pdf", pdf)], $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
