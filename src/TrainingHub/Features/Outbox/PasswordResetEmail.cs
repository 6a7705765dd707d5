using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

namespace TrainingHub.Features.Outbox;

/// <summary>
/// Sends the reset link asked for on the forgotten-password form, if an account has that address; otherwise does
/// nothing. Runs after the form has answered, so the answer's timing says nothing about the account.
/// </summary>
public sealed class PasswordResetEmail(UserManager<Person> users, IMailSender mail, TrainingHubDb db, Shared.AuditTrail audit, IOptions<AccountOptions> accounts)
    : IOutboxHandler<PasswordResetRequested>
{
    public async Task HandleAsync(PasswordResetRequested message, OutboxDelivery delivery, CancellationToken ct)
    {
        var person = await users.FindByEmailAsync(message.Email);
        if (person is null) return;

        // Audited once per request, even when the e-mail is sent again after a crash between sending and marking done.
        var details = $"request {message.RequestId:N}";
        if (!await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.PasswordResetRequested && a.Subject == $"person/{person.Id}" && a.Details == details, ct))
        {
            audit.Record(person.Id, AuditActions.PasswordResetRequested, $"person/{person.Id}", details, message.IpAddress);
            await db.SaveChangesAsync(ct);
        }

        var token = await users.GeneratePasswordResetTokenAsync(person);
        var link = $"{message.ResetPageUrl}?email={Uri.EscapeDataString(person.Email!)}&token={Uri.EscapeDataString(token)}";
        var hours = accounts.Value.PasswordResetLinkHours;
        var words = Words.For(person.PreferredLanguage);
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, words["Choose a new TrainingHub password"],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["Someone asked to reset the password of your TrainingHub account. If it was you, open this link within {0} hours and choose a new password:", hours],
                link,
                words["If you did not ask for this, you can ignore this email. Your password has not changed."]),
            SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
