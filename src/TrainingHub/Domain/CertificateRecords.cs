namespace TrainingHub.Domain;

/// <summary>
/// An issued certificate: a snapshot of what it says, so it renders the same every time. Never edited: a correction
/// is a new certificate that supersedes this one, and a revocation is its own record.
/// </summary>
public sealed class Certificate : IAppendOnly
{
    public Guid Id { get; set; }
    /// <summary>The public verification code (unguessable).</summary>
    public string Code { get; set; } = "";
    /// <summary>Unique per enrolment, course version and issue number: retries and racing servers cannot make a second one.</summary>
    public string IssueKey { get; set; } = "";
    public Guid EnrollmentId { get; set; }
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string CourseVersion { get; set; } = "";
    public string TraineeName { get; set; } = "";
    public string CourseTitle { get; set; } = "";
    public decimal Hours { get; set; }
    /// <summary>Domain name → hours, as JSON, in print order.</summary>
    public string HoursByDomain { get; set; } = "";
    public DateOnly CompletedOn { get; set; }
    public string DeliveryMode { get; set; } = "";
    public string InstituteName { get; set; } = "";
    /// <summary>Board → approved-provider number, as JSON.</summary>
    public string ProviderNumbers { get; set; } = "";
    public string SignatoryName { get; set; } = "";
    public string SignatoryTitle { get; set; } = "";
    /// <summary>Position in the published revocation status list.</summary>
    public int StatusIndex { get; set; }
    public Guid? SupersedesId { get; set; }
    public DateTime IssuedAt { get; set; }
}

public sealed class CertificateRevocation : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid CertificateId { get; set; }
    public string Reason { get; set; } = "";
    public string RevokedById { get; set; } = "";
    public DateTime RevokedAt { get; set; }
}

/// <summary>
/// A key a board (or an employer) uses to check many certificate codes at once through /api/verify. Only a SHA-256 hash
/// of the key is stored; the key itself is shown once, to the institute admin who issued it. Revoking sets
/// <see cref="RevokedAt"/>; the row stays, so the audit trail keeps naming it.
/// </summary>
public sealed class BoardVerificationKey
{
    public Guid Id { get; set; }
    /// <summary>Who the key is for, for example "New York Certification Board".</summary>
    public string Name { get; set; } = "";
    /// <summary>The key's first characters, shown so an admin can tell keys apart (not enough to use it).</summary>
    public string Prefix { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string SecretHash { get; set; } = "";
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? RevokedById { get; set; }
    public DateTime? RevokedAt { get; set; }
}
