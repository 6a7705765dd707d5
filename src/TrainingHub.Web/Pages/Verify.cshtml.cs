using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Mediator;
using Microsoft.Net.Http.Headers;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages;

/// <summary>
/// Public verification by code. Rate limited, and it never lists codes. The answer follows the Accept header: the page
/// for people; <c>application/json</c> for a machine (the status as data); <c>application/vc+jwt</c> for the credential
/// as a VC-JWT, <c>application/vc</c> or <c>application/vc+ld+json</c> for it as JSON with a Data Integrity proof (ADR 0017).
/// </summary>
[EnableRateLimiting(RateLimits.Verify)]
[EnableCors(PublicReadCors.Policy)]
public sealed class VerifyModel(ISender sender) : AppPageModel(sender)
{
    public const string JwtMediaType = "application/vc+jwt";
    public const string CredentialMediaType = "application/vc";

    /// <summary>VC Data Integrity's media type for the JSON-LD credential; answered like application/vc.</summary>
    public const string LinkedDataMediaType = "application/vc+ld+json";

    public VerifyCertificate.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "code")] string? typed)
    {
        Response.Headers.Vary = "Accept";
        if (code is not null && Wanted() is { } machine)
        {
            return machine switch
            {
                JwtMediaType => await CredentialAsync(code, GetVerifiedCredential.Form.Jwt, JwtMediaType),
                CredentialMediaType or LinkedDataMediaType => await CredentialAsync(code, GetVerifiedCredential.Form.Json, machine),
                _ => VerificationAnswer.For(await Sender.Send(new VerifyCertificate.Query(code))),
            };
        }
        if (code is null && !string.IsNullOrWhiteSpace(typed))
        {
            var normalized = VerificationCode.Normalize(typed);
            if (normalized is not null) return Redirect($"/verify/{normalized}");
            Result = await Sender.Send(new VerifyCertificate.Query(typed));
            return Page();
        }
        if (code is not null)
        {
            Result = await Sender.Send(new VerifyCertificate.Query(code));
            if (Result.Outcome is VerifyCertificate.Outcome.Unknown or VerifyCertificate.Outcome.Malformed) Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    /// <summary>The machine form the client prefers over HTML, or null for the page (browsers send text/html first).</summary>
    private string? Wanted()
    {
        var accepted = Request.GetTypedHeaders().Accept;
        if (accepted is null || accepted.Count == 0) return null;
        foreach (var type in accepted.OrderByDescending(a => a.Quality ?? 1))
        {
            var name = type.MediaType.Value;
            if (name is "text/html" or "application/xhtml+xml" or "*/*" or "text/*") return null;
            if (name is JwtMediaType or CredentialMediaType or LinkedDataMediaType or "application/json") return name;
        }
        return null;
    }

    private async Task<IActionResult> CredentialAsync(string code, GetVerifiedCredential.Form form, string mediaType)
    {
        if (VerificationCode.Normalize(code) is null) return VerificationAnswer.For(await Sender.Send(new VerifyCertificate.Query(code)));
        var credential = await Sender.Send(new GetVerifiedCredential.Query(code, form));
        return credential is null
            ? VerificationAnswer.For(await Sender.Send(new VerifyCertificate.Query(code)))
            : Content(credential, mediaType);
    }
}
