namespace TrainingHub.Domain;

/// <summary>
/// What a replicating site tells the institute about itself while it is onboarded: where it is, what kind of programme
/// it is, which credential board its trainees usually apply to, and the dates it moved through onboarding.
/// One per site, created with the site's invitation.
/// </summary>
public sealed class SiteProfile
{
    public Guid SiteId { get; set; }
    public string? StreetAddress { get; set; }
    public string? City { get; set; }
    /// <summary>Five-digit ZIP code, or ZIP+4.</summary>
    public string? PostalCode { get; set; }
    /// <summary>A programme type id from content/onboarding.yml (for example opioid-treatment-programme).</summary>
    public string? ProgrammeType { get; set; }
    /// <summary>A credential board id from content/onboarding.yml.</summary>
    public string? CredentialBoard { get; set; }
    public string? InvitedById { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public string? ActivatedById { get; set; }
    /// <summary>Why the institute sent the site back to onboarding, shown to its coordinator until they send it again.</summary>
    public string? SentBackNote { get; set; }

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(StreetAddress) && !string.IsNullOrWhiteSpace(City) && !string.IsNullOrWhiteSpace(PostalCode)
        && !string.IsNullOrWhiteSpace(ProgrammeType) && !string.IsNullOrWhiteSpace(CredentialBoard);
}

/// <summary>One item of a site's readiness checklist (the items are defined in content/onboarding.yml).</summary>
public sealed class ReadinessCheck
{
    public Guid SiteId { get; set; }
    public string ItemId { get; set; } = "";
    public bool Done { get; set; }
    /// <summary>The answer to the item's question, when it asks one (for example the programme champion's name).</summary>
    public string? Note { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedById { get; set; } = "";
}

/// <summary>
/// A single-use link that lets an invited person choose their password. Only a SHA-256 hash of the link's random
/// token is stored, so a copy of the database cannot be used to take over an account.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid SiteId { get; set; }
    public string PersonId { get; set; } = "";
    /// <summary>The role the person was invited to hold at the site.</summary>
    public string Role { get; set; } = "";
    public Guid? CohortId { get; set; }
    /// <summary>Lowercase hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public string? InvitedById { get; set; }
    public DateTime? AcceptedAt { get; set; }
    /// <summary>A newer link was sent to the same person; this one no longer works.</summary>
    public DateTime? ReplacedAt { get; set; }
}

/// <summary>The institute approved a facilitator to deliver a course; only approved facilitators can be assigned to its cohorts.</summary>
public sealed class FacilitatorApproval
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string ApprovedById { get; set; } = "";
    public DateTime ApprovedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedById { get; set; }
}

/// <summary>Audit actions of onboarding, cohorts and rosters.</summary>
public static class SiteAuditActions
{
    public const string SiteInvited = "site.invited";
    public const string ProfileSaved = "site.profile-saved";
    public const string ChecklistSaved = "site.checklist-saved";
    public const string SubmittedForReview = "site.submitted-for-review";
    public const string Activated = "site.activated";
    public const string SentBack = "site.sent-back";
    public const string PersonInvited = "site.person-invited";
    public const string PersonAdded = "site.person-added";
    public const string InvitationResent = "invitation.resent";
    public const string InvitationAccepted = "invitation.accepted";
    public const string CohortCreated = "cohort.created";
    public const string CohortChanged = "cohort.changed";
    public const string RosterApplied = "cohort.roster-applied";
    public const string FacilitatorApproved = "facilitator.approved";
    public const string FacilitatorApprovalRevoked = "facilitator.approval-revoked";
}
