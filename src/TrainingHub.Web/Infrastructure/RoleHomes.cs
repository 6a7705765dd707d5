using System.Security.Claims;
using TrainingHub.Domain;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Where each role starts: the page with what waits for that role. The first role a person holds, in this order, is where signing in lands.</summary>
public static class RoleHomes
{
    public sealed record Home(string Role, string Path, string Label);

    private static readonly Home[] Order =
    [
        new(Roles.InstituteAdmin, "/institute", "Institute overview"),
        new(Roles.SiteCoordinator, "/sites", "My sites"),
        new(Roles.Supervisor, "/supervise", "Sign-offs waiting"),
        new(Roles.Facilitator, "/facilitate", "My sessions and groups"),
        new(Roles.Trainee, "/dashboard", "My courses"),
    ];

    /// <summary>The homes of every role the person holds; a person with no role has the trainee's.</summary>
    public static IReadOnlyList<Home> For(ClaimsPrincipal user)
    {
        var homes = Order.Where(h => user.IsInRole(h.Role)).ToList();
        return homes.Count == 0 ? [Order[^1]] : homes;
    }

    public static string LandingFor(ClaimsPrincipal user) => For(user)[0].Path;
}
