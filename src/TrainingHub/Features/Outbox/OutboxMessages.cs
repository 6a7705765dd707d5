using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Features.Outbox;

/// <summary>
/// A kind of work that must follow a change (an e-mail, a certificate): written in the change's own transaction, so it
/// exists exactly when the change does, and handled after the commit by its <see cref="IOutboxHandler{TMessage}"/>.
/// </summary>
public interface IOutboxMessage
{
    /// <summary>How rows of this type are labelled in the database.</summary>
    static abstract OutboxKind Kind { get; }

    /// <summary>Unique per piece of work: the same follow-up is never queued twice.</summary>
    string Key { get; }
}

/// <summary>Does the work of one outbox message. May run more than once after a crash, so it must be safe to repeat.</summary>
public interface IOutboxHandler<in TMessage> where TMessage : IOutboxMessage
{
    Task HandleAsync(TMessage message, OutboxDelivery delivery, CancellationToken ct);
}

/// <summary>Which row is being handled: its id (stable across retries, e.g. for an e-mail's Message-ID) and its attempt.</summary>
public sealed record OutboxDelivery(Guid MessageId, int Attempt);

/// <summary>A course was completed: issue its certificate.</summary>
public sealed record CertificateRequested(Guid EnrollmentId, string CourseVersion) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.CertificateRequest;
    public string Key => $"certificate/{EnrollmentId}/{CourseVersion}";
}

/// <summary>A certificate was issued: e-mail it to its trainee.</summary>
public sealed record CertificateEmailDue(Guid CertificateId) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.CertificateEmail;
    public string Key => $"certificate-email/{CertificateId}";
}

/// <summary>A certificate was revoked: tell its trainee why (once; a certificate is revoked at most once).</summary>
public sealed record CertificateRevokedNoticeDue(Guid CertificateId) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.CertificateRevokedEmail;
    public string Key => $"certificate-revoked-email/{CertificateId}";
}

/// <summary>A supervisor decided: tell each trainee in the sign-off.</summary>
public sealed record SignOffDecided(Guid SignOffId) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.SignOffDecisionEmail;
    public string Key => $"signoff-email/{SignOffId}";
}

/// <summary>A person now meets every requirement of a credential they chose: tell them (once per credential).</summary>
public sealed record EligibilityReached(string PersonId, string CredentialId) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.EligibilityNotice;
    public string Key => $"eligible/{PersonId}/{CredentialId}";
}

/// <summary>
/// A person who had met a credential no longer does (a reversal, a revoked sign-off, a withdrawn exam), or meets it again.
/// <paramref name="Change"/> counts the changes of state after the first notice (1: lost, 2: met again, 3: lost, ...), so
/// each change has its own key and is told once; <paramref name="Reason"/> is what is now missing, in words, at the time.
/// </summary>
public sealed record EligibilityChanged(string PersonId, string CredentialId, int Change, string Reason) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.EligibilityChangeNotice;
    public string Key => NoticeKey(PersonId, CredentialId, Change);

    public bool Lost => Change % 2 == 1;

    /// <summary>Change 0 is the first notice (<see cref="EligibilityReached"/>, whose key predates this record); later changes add their number.</summary>
    public static string NoticeKey(string personId, string credentialId, int change) =>
        change == 0 ? new EligibilityReached(personId, credentialId).Key : $"eligible/{personId}/{credentialId}/{change}";
}

/// <summary>A held credential expires within <paramref name="DaysBefore"/> days (180, 90 or 30): remind the person, once per threshold.</summary>
public sealed record RenewalReminderDue(Guid HeldCredentialId, DateOnly ExpiresOn, int DaysBefore) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.RenewalReminder;
    public string Key => $"renewal-reminder/{HeldCredentialId}/{ExpiresOn:yyyy-MM-dd}/{DaysBefore}";
}

/// <summary>
/// A session was scheduled, moved, changed or cancelled: e-mail one person on its list the invitation (or cancellation)
/// as it stands at <paramref name="Sequence"/>. One row per person and change, so each is sent once, with its own Message-ID.
/// </summary>
public sealed record SessionNoticeDue(Guid SessionId, string PersonId, int Sequence) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.SessionNotice;
    public string Key => $"session-notice/{SessionId}/{Sequence}/{PersonId}";
}

/// <summary>A session starts within a day: remind one person on its list (once per person, session and time it was set for).</summary>
public sealed record SessionReminderDue(Guid SessionId, string PersonId, int Sequence) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.SessionReminder;
    public string Key => $"session-reminder/{SessionId}/{Sequence}/{PersonId}";
}

/// <summary>A coordinator answered a trainee's request to join a group: tell the trainee.</summary>
public sealed record GroupRequestAnswered(Guid RequestId) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.GroupRequestAnswerEmail;
    public string Key => $"group-request-email/{RequestId}";
}

/// <summary>
/// Someone asked for a password reset for <paramref name="Email"/>: after the commit, if an account has that address,
/// e-mail it a reset link. Queued whether or not the account exists, so the form does the same work for every address.
/// </summary>
public sealed record PasswordResetRequested(Guid RequestId, string Email, string ResetPageUrl, string? IpAddress) : IOutboxMessage
{
    public static OutboxKind Kind => OutboxKind.PasswordResetEmail;
    public string Key => $"password-reset/{RequestId}";
}

/// <summary>Writes outbox messages into the caller's unit of work (the caller's save commits them with the change).</summary>
public sealed class Outbox(TrainingHubDb db, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues <paramref name="message"/> unless a message with its key is already queued in this unit of work.</summary>
    public void Add<TMessage>(TMessage message) where TMessage : IOutboxMessage
    {
        var key = message.Key;
        if (db.OutboxMessages.Local.Any(m => m.Key == key)) return;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = TMessage.Kind,
            Key = key,
            Payload = JsonSerializer.Serialize(message, Json),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    /// <summary>Whether a message with this key was ever queued (saved, or added in this unit of work).</summary>
    public async Task<bool> QueuedAsync(string key, CancellationToken ct) =>
        db.OutboxMessages.Local.Any(m => m.Key == key) || await db.OutboxMessages.AnyAsync(m => m.Key == key, ct);
}

/// <summary>How the dispatcher reaches the handler of one kind: reads the payload as its type and calls the handler.</summary>
public sealed class OutboxRoute(OutboxKind kind, Func<IServiceProvider, OutboxMessage, CancellationToken, Task> run)
{
    public OutboxKind Kind { get; } = kind;

    public Task RunAsync(IServiceProvider services, OutboxMessage row, CancellationToken ct) => run(services, row, ct);
}

public static class OutboxRegistration
{
    /// <summary>Registers <typeparamref name="THandler"/> for <typeparamref name="TMessage"/>: one line per kind of work.</summary>
    public static IServiceCollection AddOutboxHandler<TMessage, THandler>(this IServiceCollection services)
        where TMessage : IOutboxMessage where THandler : class, IOutboxHandler<TMessage>
    {
        services.AddScoped<IOutboxHandler<TMessage>, THandler>();
        services.AddSingleton(new OutboxRoute(TMessage.Kind, (sp, row, ct) =>
        {
            var message = JsonSerializer.Deserialize<TMessage>(row.Payload, Outbox.Json)
                ?? throw new InvalidOperationException($"Outbox message {row.Id} has an empty payload.");
            return sp.GetRequiredService<IOutboxHandler<TMessage>>().HandleAsync(message, new OutboxDelivery(row.Id, row.Attempts), ct);
        }));
        return services;
    }
}

/// <summary>
/// Starts the outbox dispatch soon after a commit that wrote outbox rows. The site enqueues a background job; hosts
/// without a job server (the CLI) leave the rows to the site's minutely pass.
/// </summary>
public interface IOutboxKick
{
    void Kick();
}

internal sealed class NoOutboxKick : IOutboxKick
{
    public void Kick() { }
}
