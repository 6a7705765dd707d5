using TrainingHub.Domain;
using TrainingHub.Features.Sites.Cohorts;

namespace TrainingHub.Web.Pages.Sites;

/// <summary>What the cohort fields partial shows: the values typed, and the courses and facilitators to choose from.</summary>
public sealed record CohortFieldsModel(CohortInput Input, IReadOnlyList<ListCohorts.CourseChoice> Courses, IReadOnlyList<ListCohorts.FacilitatorChoice> Facilitators)
{
    public static readonly IReadOnlyList<(DeliveryMode Mode, string Words)> Modes =
    [
        (DeliveryMode.InPerson, "In person"),
        (DeliveryMode.LiveVirtual, "Live online"),
        (DeliveryMode.Blended, "Some sessions in person, some online"),
        (DeliveryMode.SelfPaced, "Self-paced, with check-ins"),
    ];

    public static string ModeName(DeliveryMode mode) => Modes.First(m => m.Mode == mode).Words;
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
