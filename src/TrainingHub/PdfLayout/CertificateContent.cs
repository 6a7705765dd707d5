

namespace TrainingHub.PdfLayout;

/// <summary>
/// Everything printed on one certificate of completion. Hours by domain and provider numbers are printed in the
/// order the dictionaries enumerate them, so pass an insertion-ordered <see cref="Dictionary{TKey,TValue}"/>.
/// </summary>
public sealed record CertificateContent(
    string TraineeFullName,
    string CourseTitle,
    decimal CourseHours,
    IReadOnlyDictionary<string, decimal> HoursByDomain,
    DateOnly CompletedOn,
    string DeliveryMode,
    string InstituteName,
    IReadOnlyDictionary<string, string> ProviderNumbersByBoard,
    string SignatoryName,
    string SignatoryTitle,
    string VerificationCode,
    Uri VerificationUrl);
