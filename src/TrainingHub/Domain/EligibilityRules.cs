namespace TrainingHub.Domain;

/// <summary>What a credential asks for, as written in a rule file of content/credentials/.</summary>
public enum RequirementKind
{
    TrainingHours,
    DomainHours,
    EthicsHours,
    MedicationSupportedRecoveryHours,
    ExperienceHours,
    SupervisionHours,
    ExamPassed,
    CodeOfEthicsSigned,
    TimeInRecovery,
}

/// <summary>Rules about which training counts at all, or how it must have been delivered.</summary>
public enum ConstraintKind { CompletedOnOrAfter, FaceToFaceShare, ApprovedProvider, WithinYears }

/// <summary>
/// Where a rule comes from: the board's page, the day someone checked it, and whether it could be confirmed. An
/// unconfirmed rule is an editable default the institute keeps until the board confirms or corrects it.
/// </summary>
public sealed record RuleSource(string Url, DateOnly? Checked, bool Unconfirmed, string? Note);

/// <summary>
/// One of a board's own domains, and which of our domain tags (content/domains.yml) count toward it. A domain no tag
/// maps to can still be met by verified outside training that the institute assigns to it directly.
/// </summary>
public sealed record BoardDomain(string Id, string Name, IReadOnlyList<string> FromTags)
{
    /// <summary>
    /// Institute courses whose hours all count toward this domain, whatever their tags: a board that names a course
    /// ("the 30-hour Recovery Coach Academy") rather than a topic. Hours from other courses count by their tags.
    /// </summary>
    public IReadOnlyList<string> FromCourses { get; init; } = [];
}

public sealed record CredentialRequirement(RequirementKind Kind, RuleSource Source)
{
    /// <summary>Hours asked for, by the hours kinds.</summary>
    public decimal Hours { get; init; }

    /// <summary>The board domain of a <see cref="RequirementKind.DomainHours"/> requirement.</summary>
    public string? DomainId { get; init; }

    /// <summary>Our domain tags whose hours count, for ethics and medication-supported-recovery hours.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The exam's id, shared by every credential that accepts the same exam, and its name.</summary>
    public string? ExamId { get; init; }

    public string? ExamName { get; init; }

    /// <summary>Years in recovery a <see cref="RequirementKind.TimeInRecovery"/> requirement asks the person to affirm.</summary>
    public int Years { get; init; }

    /// <summary>
    /// For a code-of-ethics requirement: the code in content/codes/ whose signature (any version) meets it. None: the
    /// person signs a statement for this credential alone, on My credentials.
    /// </summary>
    public string? CodeId { get; init; }
}

public sealed record CredentialConstraint(ConstraintKind Kind, RuleSource Source)
{
    /// <summary>Completed on or after this date; for an approved-provider rule, the date from which it applies (none: always).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The least share of counted training hours, in percent, delivered in one of <see cref="Deliveries"/>.</summary>
    public int Percent { get; init; }

    /// <summary>Which deliveries count as face to face.</summary>
    public IReadOnlyList<HoursDelivery> Deliveries { get; init; } = [HoursDelivery.InPerson];

    /// <summary>Training completed within this many years before today.</summary>
    public int Years { get; init; }

    /// <summary>
    /// The board domains a within-years rule applies to; empty: all training. NAADAC ties its six years to the ethics and
    /// HIV hours only.
    /// </summary>
    public IReadOnlyList<string> Domains { get; init; } = [];
}

/// <summary>One part of the continuing education a renewal asks for (for example 6 hours of ethics), fed by our domain tags.</summary>
public sealed record RenewalPart(string Name, decimal Hours, IReadOnlyList<string> FromTags);

/// <summary>
/// What a board asks to renew a credential: <paramref name="Hours"/> of continuing education every
/// <paramref name="CycleYears"/> years, with minimum <paramref name="Parts"/>, and in words what counts.
/// </summary>
public sealed record RenewalRule(int CycleYears, decimal Hours, IReadOnlyList<RenewalPart> Parts, string WhatCounts, RuleSource Source);

/// <summary>One board's rules for one credential, loaded from content/credentials/&lt;id&gt;.yml.</summary>
public sealed record CredentialRuleSet(
    string Id,
    string Board,
    string BoardName,
    string Name,
    string Summary,
    RuleSource Source,
    IReadOnlyList<string> Notes,
    IReadOnlyList<BoardDomain> Domains,
    IReadOnlyList<CredentialRequirement> Requirements,
    IReadOnlyList<CredentialConstraint> Constraints)
{
    /// <summary>The board's renewal rule, when a rule file gives one.</summary>
    public RenewalRule? Renewal { get; init; }

    /// <summary>The credential that comes next on the career ladder (a rule set id), if the file names one.</summary>
    public string? Next { get; init; }

    /// <summary>The key verified outside hours carry when the institute assigns them straight to this board's domain.</summary>
    public string BoardOnlyKey(string domainId) => $"{Id}/{domainId}";

    /// <summary>The board domain a training record counts toward: the one naming its course, else the one its tag maps to.</summary>
    public BoardDomain? DomainFor(TrainingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (record.CourseId is null ? null : Domains.FirstOrDefault(d => d.FromCourses.Contains(record.CourseId, StringComparer.Ordinal)))
            ?? DomainFor(record.DomainKey);
    }

    /// <summary>The board domain that hours tagged <paramref name="domainKey"/> count toward, if any.</summary>
    public BoardDomain? DomainFor(string domainKey) =>
        Domains.FirstOrDefault(d => d.FromTags.Contains(domainKey, StringComparer.Ordinal) || BoardOnlyKey(d.Id) == domainKey);

    public bool HasUnconfirmed => Requirements.Any(r => r.Source.Unconfirmed) || Constraints.Any(c => c.Source.Unconfirmed);

    /// <summary>Whether <paramref name="domainKey"/> is a board-only key of another credential (hours the institute assigned to that credential alone).</summary>
    public bool IsOtherCredentialsKey(string domainKey) =>
        domainKey.Contains('/', StringComparison.Ordinal) && !domainKey.StartsWith(Id + "/", StringComparison.Ordinal);
}
