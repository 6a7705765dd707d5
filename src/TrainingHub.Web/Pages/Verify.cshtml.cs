using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Mediator;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Pages;

/// <summary>Public verification by code. Rate limited, and it never lists codes.</summary>
[EnableRateLimiting(RateLimits.Verify)]
public sealed class VerifyModel(ISender sender) : AppPageModel(sender)
{
    public VerifyCertificate.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "code")] string? typed)
    {
        if (code is null && !string.IsNullOrWhiteSpace(typed))
        {
            var normalized = TrainingHub.Features.Certificates.Verification.VerificationCode.Normalize(typed);
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
}
