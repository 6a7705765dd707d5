

namespace TrainingHub.PdfLayout;

/// <summary>
/// Everything in a credential application packet: what a trainee hands to a board, by the board's own domains. The
/// PDF (<see cref="ApplicationPacketPdf"/>) and the CSV print exactly this.
/// </summary>
public sealed record ApplicationPacketContent(
    string PersonName,
    string PersonEmail,
    string InstituteName,
    string CredentialName,
    string BoardName,
    string? InstituteProviderNumber,
    DateTime GeneratedAt,
    bool Eligible,
    string Summary,
    IReadOnlyList<PacketRequirement> Requirements,
    IReadOnlyList<PacketDomainTotal> DomainTotals,
    IReadOnlyList<PacketTrainingLine> Training,
    IReadOnlyList<PacketCertificate> Certificates,
    IReadOnlyList<PacketAttestation> Attestations,
    IReadOnlyList<PacketPracticumLine> Practicum,
    IReadOnlyList<PacketRecord> OtherRecords)
{
    /// <summary>The packet's title: an application packet, or a renewal packet built the same way.</summary>
    public string Heading { get; init; } = "Credential application packet";
}

/// <param name="Status">"Met", "Not met" or, for a rule about which training counts, "Applied".</param>
public sealed record PacketRequirement(string Title, string Progress, string Status, string? Gap, string? Pending, bool Unconfirmed, string Source, DateOnly? Checked, string? Note);

public sealed record PacketDomainTotal(string Domain, decimal Counted, decimal Pending);

/// <param name="Status">"Counted", "Waiting for sign-off", or "Not counted: " and the reason.</param>
public sealed record PacketTrainingLine(DateOnly Date, string Title, string? Detail, string Domain, decimal Hours, string Delivery, string Provider, string ProviderNumber, string Status);

/// <param name="VerificationCode">The institute certificate's public code, or an outside certificate file's SHA-256 fingerprint.</param>
public sealed record PacketCertificate(string Title, DateOnly CompletedOn, decimal Hours, string Issuer, string Kind, string VerificationCode, string? VerificationUrl);

public sealed record PacketAttestation(DateTime SignedAt, string Supervisor, string TypedName, string Statement, string Covers, string Status);

public sealed record PacketPracticumLine(string Kind, DateOnly Date, decimal Hours, string Domain, string Setting, string Description, string Supervisor, string SignedOffBy);

/// <summary>Exam, code of ethics and time-in-recovery records, in words.</summary>
public sealed record PacketRecord(string Title, string Detail);
