using TrainingHub.Domain;

namespace TrainingHub.Web.Infrastructure;

public static class Policies
{
    public const string InstituteAdmin = "InstituteAdmin";
    public const string SiteStaff = "SiteStaff";
    public const string Facilitation = "Facilitation";
    public const string Supervision = "Supervision";
}

/// <summary>Which roles each policy admits; the pages' folders are tied to policies in <see cref="EndpointComposition"/>.</summary>
public static class AuthorizationComposition
{
    public static IServiceCollection AddAuthorizationPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.InstituteAdmin, p => p.RequireRole(Roles.InstituteAdmin))
            .AddPolicy(Policies.SiteStaff, p => p.RequireRole(Roles.Supervisor, Roles.SiteCoordinator, Roles.InstituteAdmin))
            .AddPolicy(Policies.Facilitation, p => p.RequireRole(Roles.Facilitator, Roles.SiteCoordinator, Roles.InstituteAdmin))
            .AddPolicy(Policies.Supervision, p => p.RequireRole(Roles.Supervisor));
        return services;
    }
}
