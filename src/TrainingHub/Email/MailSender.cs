using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TrainingHub.Infrastructure;

namespace TrainingHub.Email;

public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <param name="SendKey">
/// Identifies this e-mail across retries (e.g. the outbox row and the recipient): its Message-ID is derived from it, so a
/// copy sent again after a crash is recognisable as the same message by mail servers and by people.
/// </param>
public sealed record MailMessage(string ToAddress, string ToName, string Subject, string TextBody, IReadOnlyList<MailAttachment>? Attachments = null,
    string? SendKey = null)
{
    public static string MessageIdFor(string sendKey, string fromAddress)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sendKey)))[..32];
        var at = fromAddress.LastIndexOf('@');
        return $"{hash}@{(at >= 0 ? fromAddress[(at + 1)..] : "traininghub.invalid")}";
    }
}

/// <summary>Sends email through the configured delivery: a pickup folder of .eml files (Development) or SMTP.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}

public sealed class MailSender(IOptions<EmailOptions> options, DataPaths paths, TimeProvider clock) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        mime.Date = clock.GetUtcNow();
        if (message.SendKey is { } sendKey) mime.MessageId = MailMessage.MessageIdFor(sendKey, o.FromAddress);
        var body = new BodyBuilder { TextBody = message.TextBody };
        foreach (var a in message.Attachments ?? [])
        {
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        }
        mime.Body = body.ToMessageBody();

        if (o.Delivery == EmailDelivery.PickupFolder)
        {
            var folder = paths.InDataFolder(o.PickupFolder);
            var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}";
            // Written under another extension and renamed: whatever collects *.eml never sees half a message, even when the
            // server dies mid-write (the outbox then sends the message again, whole).
            var writing = Path.Combine(folder, name + ".writing");
            await mime.WriteToAsync(writing, cancellationToken);
            File.Move(writing, Path.Combine(folder, name + ".eml"));
            return;
        }

        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(o.Smtp.Host!, o.Smtp.Port, o.Smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(o.Smtp.UserName))
        {
            await smtp.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password ?? "", cancellationToken);
        }
        await smtp.SendAsync(mime, cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
    }
}
