using TrainingHub.Domain;
using TrainingHub.Features.Sites.Cohorts;

namespace TrainingHub.Web.Pages.Sites;

/// <summary>What the cohort fields partial shows: the values typed, and the courses and facilitators to choose from.</summary>
public sealed record CohortFieldsModel(CohortInput Input, IReadOnlyList<ListCohorts.CourseChoice> Courses, IReadOnlyList<ListCohorts.FacilitatorChoice> Facilitators)
{
    /// <summary>The ways a cohort can meet, in the order the form offers them (<see cref="StaffWords.DeliveryMode"/> words them).</summary>
    public static readonly IReadOnlyList<DeliveryMode> Modes = [DeliveryMode.InPerson, DeliveryMode.LiveVirtual, DeliveryMode.Blended, DeliveryMode.SelfPaced];
}

/// <summary>A cohort as typed in the create or change form.</summary>
public sealed class CohortInput
{
    public string? Name { get; set; }
    public string? CourseId { get; set; }
    public string? FacilitatorId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public string? Schedule { get; set; }
    public DeliveryMode? DeliveryMode { get; set; }
    public int? Capacity { get; set; }
}
