namespace TrainingHub.Domain;

public enum SignOffDecision { Approved, Rejected }

/// <summary>
/// A supervisor's attestation, immutable: who, when, from where, the exact statement they affirmed, the name they
/// typed, and which items it covers. Revocation is a separate record, never an edit.
/// </summary>
public sealed class SignOff : IAppendOnly
{
    public Guid Id { get; set; }
    public string SupervisorId { get; set; } = "";
    public Guid SiteId { get; set; }
    public SignOffDecision Decision { get; set; }
    public string Statement { get; set; } = "";
    public string TypedName { get; set; } = "";
    /// <summary>The reason given with a rejection; the trainee sees it.</summary>
    public string? Reason { get; set; }
    public DateTime SignedAt { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>The supervisor's qualification in force when they signed, as the institute confirmed it; a later change does not rewrite it.</summary>
    public string? QualificationCredential { get; set; }
    public int? QualificationYears { get; set; }
    public DateTime? QualificationConfirmedAt { get; set; }
}

public enum SignOffSubject { Hours, Practicum }

public sealed class SignOffItem : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid SignOffId { get; set; }
    public SignOffSubject Subject { get; set; }
    /// <summary>The pending hours entry or the practicum entry signed off.</summary>
    public Guid SubjectId { get; set; }
    public string PersonId { get; set; } = "";
    public decimal Hours { get; set; }
}

/// <summary>An institute admin withdrew a sign-off, with a reason. The hours it credited are reversed and wait for a new sign-off.</summary>
public sealed class SignOffRevocation : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid SignOffId { get; set; }
    public string RevokedById { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime RevokedAt { get; set; }
}

public enum PracticumKind { Experience, Supervision }

/// <summary>
/// Practice or supervision hours a trainee logs. A claim until a supervisor signs it off; append-only: a rejected
/// entry is resubmitted as a new entry that names the one it replaces.
/// </summary>
public sealed class PracticumEntry : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public Guid SiteId { get; set; }
    public PracticumKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public decimal Hours { get; set; }
    /// <summary>Domain tag (content/domains.yml) the experience or supervision was about.</summary>
    public string Domain { get; set; } = "";
    public string? Setting { get; set; }
    public string Description { get; set; } = "";
    /// <summary>For supervision hours: the supervisor who gave the supervision (as named by the trainee).</summary>
    public string? SupervisorName { get; set; }
    public Guid? ResubmitsId { get; set; }
    public DateTime LoggedAt { get; set; }
}

/// <summary>
/// A supervisor's qualifications, which the institute can require before they sign off. What a supervisor types is
/// pending; it takes effect only when an institute admin confirms it, and then is the qualification in force.
/// </summary>
public sealed class SupervisorProfile
{
    public string PersonId { get; set; } = "";
    /// <summary>In force: the credential an institute admin confirmed ("" until one has).</summary>
    public string CredentialHeld { get; set; } = "";
    /// <summary>In force: the years supervising peers an institute admin confirmed.</summary>
    public int YearsSupervisingPeers { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? ConfirmedById { get; set; }
    /// <summary>When an admin confirmed the qualification in force; null: nothing is confirmed, so nothing is in force.</summary>
    public DateTime? ConfirmedAt { get; set; }
    /// <summary>What the supervisor last typed and no admin has confirmed yet.</summary>
    public string? PendingCredentialHeld { get; set; }
    public int? PendingYearsSupervisingPeers { get; set; }
    public DateTime? PendingSince { get; set; }

    public bool IsConfirmed => ConfirmedAt is not null;

    public bool HasPending => PendingYearsSupervisingPeers is not null;
}

public enum OutboxKind { SignOffDecisionEmail, CertificateRequest, EligibilityNotice, CertificateEmail, SessionNotice, SessionReminder, GroupRequestAnswerEmail, PasswordResetEmail, EligibilityChangeNotice, RenewalReminder, CertificateRevokedEmail, XapiStatement }

/// <summary>Work that must follow a change, written in the same transaction; a job processes it exactly once.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public OutboxKind Kind { get; set; }
    /// <summary>Unique: the same follow-up work is never queued twice.</summary>
    public string Key { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>The dispatcher run handling the row now; no other run takes it until <see cref="LeasedUntil"/>.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeasedUntil { get; set; }
    /// <summary>Set when the row failed its last allowed attempt: an institute admin must look at it.</summary>
    public DateTime? GaveUpAt { get; set; }
}

/// <summary>The daily digest sent to a supervisor on a day: at most one.</summary>
public sealed class SupervisorDigest : IAppendOnly
{
    public Guid Id { get; set; }
    public string SupervisorId { get; set; } = "";
    public DateOnly Day { get; set; }
    public int PendingItems { get; set; }
    public DateTime SentAt { get; set; }
}
