namespace TrainingHub.Domain;

/// <summary>A credential (a rule file's id) a person works toward. Chosen and dropped freely: it only decides what they see.</summary>
public sealed class CredentialTarget
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CredentialId { get; set; } = "";
    public DateTime ChosenAt { get; set; }
}

/// <summary>
/// An institute admin's record that a person passed a board exam, on a date. Append-only: a record made by mistake is
/// withdrawn by an <see cref="ExamPassWithdrawal"/>, never edited.
/// </summary>
public sealed class ExamPass : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    /// <summary>The exam id from the rule files (shared by every credential that accepts the exam).</summary>
    public string ExamId { get; set; } = "";
    public DateOnly PassedOn { get; set; }
    public string RecordedById { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

public sealed class ExamPassWithdrawal : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid ExamPassId { get; set; }
    public string Reason { get; set; } = "";
    public string WithdrawnById { get; set; } = "";
    public DateTime WithdrawnAt { get; set; }
}

/// <summary>A person signed a board's code of ethics for one credential: the statement, the name they typed, when. Immutable.</summary>
public sealed class CodeOfEthicsSignature : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CredentialId { get; set; } = "";
    public string Statement { get; set; } = "";
    public string TypedName { get; set; } = "";
    public DateTime SignedAt { get; set; }
    public string? IpAddress { get; set; }
}

/// <summary>
/// A person signed a code of ethics from content/codes/ (one version of it): the statement they ticked, the name they
/// typed, the hash of the text they read, when. Immutable, and once per person, code and version.
/// </summary>
public sealed class EthicsCodeSignature : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CodeId { get; set; } = "";
    public string Version { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string Statement { get; set; } = "";
    public string TypedName { get; set; } = "";
    public DateTime SignedAt { get; set; }
    public string? IpAddress { get; set; }
}

/// <summary>
/// A person's own yes or no to "at least <see cref="Years"/> years in recovery". Never a date of recovery: only the
/// answer and when it was given. Append-only; the latest answer for a threshold is the one that counts.
/// </summary>
public sealed class RecoveryTimeAttestation : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public int Years { get; set; }
    public bool Affirmed { get; set; }
    public DateTime AttestedAt { get; set; }
}

/// <summary>Another provider's certificate a trainee uploaded. It counts only once an institute admin verifies it.</summary>
public sealed class OutsideCertificate : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string ProviderName { get; set; } = "";
    public string CourseTitle { get; set; } = "";
    public DateOnly CompletedOn { get; set; }
    public decimal HoursClaimed { get; set; }
    /// <summary>The name of the file on the trainee's device, as shown back to them.</summary>
    public string OriginalFileName { get; set; } = "";
    /// <summary>The file's name in the data folder's outside-certificates/ (its id and the extension of its real type).</summary>
    public string StoredFileName { get; set; } = "";
    /// <summary>The type found from the file's first bytes: application/pdf, image/png or image/jpeg.</summary>
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}

public enum OutsideCertificateDecision { Verified, Refused }

/// <summary>
/// An institute admin's decision about an outside certificate. Append-only: a correction is a newer review, and the
/// newest review of a certificate is the one that counts.
/// </summary>
public sealed class OutsideCertificateReview : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid CertificateId { get; set; }
    public OutsideCertificateDecision Decision { get; set; }
    public string ReviewedById { get; set; } = "";
    public DateTime ReviewedAt { get; set; }
    /// <summary>Why it was refused; the trainee sees it.</summary>
    public string? Reason { get; set; }
    public string? ProviderName { get; set; }
    /// <summary>The board (a rule file's board id) whose approval number the certificate shows, if any.</summary>
    public string? ProviderBoard { get; set; }
    public string? ProviderNumber { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public HoursDelivery? Delivery { get; set; }
}

/// <summary>Verified hours of an outside certificate in one domain: one of our tags, or a board-only domain key.</summary>
public sealed class OutsideHoursLine : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid ReviewId { get; set; }
    public string Domain { get; set; } = "";
    public decimal Hours { get; set; }
}

/// <summary>
/// A credential a person was awarded (by a board, with its number, award date and expiry), recorded by the person with
/// the board's letter or certificate. It counts (on the page, in packets, for renewal reminders) once an institute admin
/// verifies it. Append-only: a correction is a newer record, and reviews decide like an outside certificate's.
/// </summary>
public sealed class HeldCredential : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    /// <summary>The rule file's id (content/credentials/&lt;id&gt;.yml), which names the board too.</summary>
    public string CredentialId { get; set; } = "";
    public string Number { get; set; } = "";
    public DateOnly AwardedOn { get; set; }
    /// <summary>As the board's letter states it; without it the expiry follows the board's renewal cycle from the award.</summary>
    public DateOnly? ExpiresOn { get; set; }
    public string OriginalFileName { get; set; } = "";
    /// <summary>The file's name among stored files (its id and the extension of its real type).</summary>
    public string StoredFileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>An institute admin's decision about a held credential. Append-only; the newest decides.</summary>
public sealed class HeldCredentialReview : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid HeldCredentialId { get; set; }
    public OutsideCertificateDecision Decision { get; set; }
    public string ReviewedById { get; set; } = "";
    public DateTime ReviewedAt { get; set; }
    /// <summary>Why it was not accepted; the person sees it.</summary>
    public string? Reason { get; set; }
}
