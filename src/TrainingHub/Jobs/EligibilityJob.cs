using Mediator;
using TrainingHub.Features.Credentials.Targets;

namespace TrainingHub.Jobs;

/// <summary>Finds people who became eligible for a credential they chose and queues their notice (once).</summary>
public sealed class EligibilityJob(ISender sender)
{
    public const string Id = "credential-eligibility";

    public async Task RunAsync() => await sender.Send(new EvaluateEligibility.Command());
}
