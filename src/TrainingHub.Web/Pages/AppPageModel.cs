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

    /// <summary>
    /// Loads what the page shows besides the posted form (lists, the record being edited). A refused command leaves the
    /// form as posted; <see cref="Infrastructure.ValidationPageFilter"/> calls this, then renders the page with the messages.
    /// </summary>
    protected internal virtual Task LoadAsync() => Task.CompletedTask;
}
