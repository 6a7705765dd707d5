using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrainingHub.Web.Pages;

/// <summary>What every page model shares: the mediator and the signed-in person's id.</summary>
public abstract class AppPageModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    /// <summary>The signed-in person's id; only called on pages that require sign-in.</summary>
    protected string PersonId => User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("This page requires a signed-in person.");

    protected string? PersonIdOrNull => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
