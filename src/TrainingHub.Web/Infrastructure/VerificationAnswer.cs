using Microsoft.AspNetCore.Mvc;
using TrainingHub.Features.Certificates.Verification;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The machine-readable answer to "is this certificate good?": <c>status</c> valid, revoked (with <c>revokedOn</c>) or
/// superseded with 200; unknown with 404; a code that cannot be one with 400. The same shape for one code on
/// /verify/{code} and for each code of a board's batch.
/// </summary>
public static class VerificationAnswer
{
    public static object Body(VerifyCertificate.Result r) => r.Outcome switch
    {
        VerifyCertificate.Outcome.Malformed => new { status = "malformed", message = "That is not a certificate code: 20 letters and digits, for example 7KQ2-M9XD-4TNB-0WJE-R8HC." },
        VerifyCertificate.Outcome.Unknown => new { status = "unknown", code = r.Code, message = "No certificate has this code." },
        _ => new
        {
            status = r.Outcome switch
            {
                VerifyCertificate.Outcome.Valid => "valid",
                VerifyCertificate.Outcome.Revoked => "revoked",
                _ => "superseded",
            },
            code = r.Code,
            revokedOn = r.RevokedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            name = r.TraineeName,
            course = r.CourseTitle,
            hours = r.Hours,
            completedOn = r.CompletedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            issuedBy = r.IssuedBy,
        } as object,
    };

    public static int StatusCode(VerifyCertificate.Outcome outcome) => outcome switch
    {
        VerifyCertificate.Outcome.Malformed => StatusCodes.Status400BadRequest,
        VerifyCertificate.Outcome.Unknown => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status200OK,
    };

    public static IActionResult For(VerifyCertificate.Result r) => new JsonResult(Body(r)) { StatusCode = StatusCode(r.Outcome) };
}
