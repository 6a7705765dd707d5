using TrainingHub.Data;
using TrainingHub.Infrastructure;

namespace TrainingHub.Testing;

/// <summary>The demo people every seeded test database holds, by the addresses <see cref="DemoData"/> gives them.</summary>
public static class DemoAccounts
{
    public const string Admin = DemoData.AdminEmail;
    public const string Coordinator = DemoData.CoordinatorEmail;
    public const string Supervisor = DemoData.SupervisorEmail;
    public const string Facilitator = DemoData.FacilitatorEmail;
    public const string Trainee = DemoData.TraineeEmail;
    public const string CoordinatorB = DemoData.CoordinatorBEmail;
    public const string SupervisorB = DemoData.SupervisorBEmail;
    public const string TraineeB = DemoData.TraineeBEmail;
    public const string CoordinatorC = DemoData.CoordinatorCEmail;
    public const string Coach = DemoData.CoachEmail;

    /// <summary>The password every demo account gets unless <c>DemoData:Password</c> says otherwise.</summary>
    public static string Password { get; } = new DemoDataOptions().Password;
}
