namespace TrainingHub.Domain;

public enum GroupRequestStatus { Waiting, Accepted, Declined }

/// <summary>
/// A trainee enrolled in a course but in no group (cohort) asks their site's coordinator to add them to one, as live
/// lessons are credited only through a group's sessions. The coordinator accepts (into a cohort) or declines (with a reason).
/// </summary>
public sealed class GroupRequest
{
    public const string OpenKeyWhileWaiting = "waiting";

    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public Guid EnrollmentId { get; set; }
    public string CourseId { get; set; } = "";
    public Guid SiteId { get; set; }
    /// <summary>What the trainee added (when they can come, for example); optional.</summary>
    public string? Note { get; set; }
    public DateTime RequestedAt { get; set; }
    public GroupRequestStatus Status { get; set; }
    /// <summary><see cref="OpenKeyWhileWaiting"/> while waiting, the request's id once answered: unique per enrolment, so one
    /// request waits at a time; a concurrency token, so two coordinators answering at once cannot both answer.</summary>
    public string OpenKey { get; set; } = OpenKeyWhileWaiting;
    public Guid? CohortId { get; set; }
    public string? DeclineReason { get; set; }
    public string? AnsweredById { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

public static class GroupRequestAuditActions
{
    public const string Asked = "group-request.asked";
    public const string Accepted = "group-request.accepted";
    public const string Declined = "group-request.declined";
}
