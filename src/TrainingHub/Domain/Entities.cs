using Microsoft.AspNetCore.Identity;

namespace TrainingHub.Domain;

/// <summary>A person with an account. Holds no clinical data: recovery and medication are never stored.</summary>
public sealed class Person : IdentityUser
{
    public string FullName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>The language the person chose for pages, e-mails and documents ("en", "es"); null until they choose.</summary>
    public string? PreferredLanguage { get; set; }
}

public static class Roles
{
    public const string Trainee = "Trainee";
    public const string Supervisor = "Supervisor";
    public const string Facilitator = "Facilitator";
    public const string SiteCoordinator = "SiteCoordinator";
    public const string InstituteAdmin = "InstituteAdmin";

    public static readonly IReadOnlyList<string> All = [Trainee, Supervisor, Facilitator, SiteCoordinator, InstituteAdmin];

    /// <summary>Roles held at a site (a membership); InstituteAdmin is held at the institute.</summary>
    public static readonly IReadOnlyList<string> SiteRoles = [Trainee, Supervisor, Facilitator, SiteCoordinator];
}

/// <summary>The training institute that runs this deployment. There is exactly one.</summary>
public sealed class Institute
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public enum SiteStatus { Invited, Onboarding, AwaitingReview, Active, Paused }

/// <summary>A programme that delivers the training in its own community (the institute's own site, or a replicating site).</summary>
public sealed class Site
{
    public Guid Id { get; set; }
    public int InstituteId { get; set; }

    public string Name
    {
        get;
        set
        {
            field = value;
            NormalizedName = NormalizeName(value);
        }
    } = "";

    /// <summary>
    /// The name upper-cased, unique within the institute: "Harbor Light" and "harbor light" are one site on every database
    /// (SQLite and PostgreSQL compare text case-sensitively, SQL Server usually does not).
    /// </summary>
    public string NormalizedName { get; private set; } = "";

    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    /// <summary>Two-letter US state code.</summary>
    public string State { get; set; } = "";

    /// <summary>The site's IANA time zone when it differs from the institute's (a site in another state); null: the institute's.</summary>
    public string? TimeZone { get; set; }

    public SiteStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum DeliveryMode { InPerson, LiveVirtual, SelfPaced, Blended }

public sealed class Cohort
{
    public Guid Id { get; set; }
    public Guid SiteId { get; set; }
    public string CourseId { get; set; } = "";
    public string Name { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DeliveryMode DeliveryMode { get; set; }
    public int Capacity { get; set; }
    /// <summary>When the group meets, in the coordinator's words (for example "Tuesdays and Thursdays, 10 am to 1 pm, 8 weeks").</summary>
    public string? Schedule { get; set; }
    public string? FacilitatorId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A person's role at a site. A person may hold several roles, each its own membership.</summary>
public sealed class SiteMembership
{
    public Guid Id { get; set; }
    public Guid SiteId { get; set; }
    public string PersonId { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public enum EnrollmentStatus { Active, Completed, Withdrawn }

/// <summary>A person taking a course, pinned to the course version they started.</summary>
public sealed class Enrollment
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string CourseVersion { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public Guid? CohortId { get; set; }
    public EnrollmentStatus Status { get; set; }
    public DateTime EnrolledAt { get; set; }
}

/// <summary>Who did what, when, from where. Append-only: the DbContext refuses to update or delete one.</summary>
public sealed class AuditEvent : IAppendOnly
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? ActorId { get; set; }
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Details { get; set; }
    public string? IpAddress { get; set; }
}

public static class AuditActions
{
    public const string AdminCreated = "account.admin-created";
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string PasswordResetRequested = "account.password-reset-requested";
    public const string PasswordReset = "account.password-reset";
    public const string Enrolled = "enrollment.created";
    public const string DemoDataCreated = "system.demo-data-created";
    public const string HoursCredited = "hours.credited";
    public const string HoursReversed = "hours.reversed";
    public const string CourseCompleted = "enrollment.completed";
    public const string SessionScheduled = "session.scheduled";
    public const string SessionChanged = "session.changed";
    public const string SessionCancelled = "session.cancelled";
    public const string CalendarFeedReplaced = "calendar.feed-replaced";
    public const string AttendanceRecorded = "session.attendance-recorded";
    public const string MakeUpRequested = "session.make-up-requested";
    public const string MakeUpAccepted = "session.make-up-accepted";
    public const string QuizSubmitted = "quiz.submitted";
    public const string QuizReset = "quiz.reset";
    public const string SignOffApproved = "signoff.approved";
    public const string SignOffRejected = "signoff.rejected";
    public const string SignOffRevoked = "signoff.revoked";
    public const string OutboxRetried = "outbox.retried";
    public const string SignOffRefused = "signoff.refused";
    public const string HoursResubmitted = "hours.resubmitted";
    public const string PracticumLogged = "practicum.logged";
    public const string SupervisorProfileUpdated = "supervisor.profile-updated";
    public const string SupervisorQualificationConfirmed = "supervisor.qualification-confirmed";
    public const string CredentialTargetsChosen = "credential.targets-chosen";
    public const string CodeOfEthicsSigned = "credential.code-of-ethics-signed";
    public const string EthicsCodeSigned = "code-of-ethics.signed";
    public const string RecoveryTimeAttested = "credential.recovery-time-attested";
    public const string ExamPassRecorded = "credential.exam-pass-recorded";
    public const string ExamPassWithdrawn = "credential.exam-pass-withdrawn";
    public const string OutsideCertificateUploaded = "credential.outside-certificate-uploaded";
    public const string OutsideCertificateVerified = "credential.outside-certificate-verified";
    public const string OutsideCertificateRefused = "credential.outside-certificate-refused";
    public const string OutsideCertificateViewed = "credential.outside-certificate-viewed";
    public const string ApplicationPacketDownloaded = "credential.packet-downloaded";
    public const string EligibilityReached = "credential.eligibility-reached";
    public const string EligibilityLost = "credential.eligibility-lost";
    public const string HeldCredentialRecorded = "credential.held-recorded";
    public const string HeldCredentialVerified = "credential.held-verified";
    public const string HeldCredentialRefused = "credential.held-refused";
    public const string HeldCredentialViewed = "credential.held-viewed";
    public const string RenewalPacketDownloaded = "credential.renewal-packet-downloaded";
    public const string CertificateRequested = "certificate.requested";
    public const string CertificateIssued = "certificate.issued";
    public const string CertificateRevoked = "certificate.revoked";
    public const string CertificateReissued = "certificate.reissued";
    public const string BoardKeyIssued = "certificate.board-key-issued";
    public const string BoardKeyRevoked = "certificate.board-key-revoked";
}

/// <summary>Marks records that are only ever added: hours, sign-offs, certificates, audit events.</summary>
public interface IAppendOnly;

/// <summary>
/// One generation of the institute's badge-signing key, kept in the database so every server signs with the same key
/// and publishes every generation (a badge signed before a rotation still verifies). The private key is stored only
/// protected by ASP.NET Core data protection.
/// </summary>
public sealed class SigningKey : IAppendOnly
{
    /// <summary>1 for the first key; a rotation adds the next. Unique, so servers starting together create one key.</summary>
    public int Generation { get; set; }
    /// <summary>The RFC 7638 thumbprint (the JWS kid).</summary>
    public string KeyId { get; set; } = "";
    public string ProtectedPrivateKey { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A file a person uploaded, kept in the database so every server can serve it.</summary>
public sealed class StoredFile : IAppendOnly
{
    /// <summary>A name of our making (a guid and an extension).</summary>
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime StoredAt { get; set; }
}
