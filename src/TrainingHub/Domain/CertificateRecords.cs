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
