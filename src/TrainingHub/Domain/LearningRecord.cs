namespace TrainingHub.Domain;

/// <summary>How a credited hour was delivered, as boards ask for it.</summary>
public enum HoursDelivery { InPerson, LiveVirtual, SelfPaced }

public enum HoursSource { SeatTime, Attendance, Correction }

public enum HoursStatus { Credited, Pending }

/// <summary>
/// One line of the hours ledger. Append-only: a correction is a new entry with negative hours that names the entry
/// it reverses, a reason and who made it. A person's hours are the sum of their entries.
/// </summary>
public sealed class HoursEntry : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public Guid EnrollmentId { get; set; }
    public string CourseId { get; set; } = "";
    public string CourseVersion { get; set; } = "";
    public string? LessonId { get; set; }
    public Guid? LiveSessionId { get; set; }
    public decimal Hours { get; set; }
    /// <summary>The lesson's primary domain tag, where the hours count.</summary>
    public string Domain { get; set; } = "";
    /// <summary>All the lesson's domain tags, comma-separated.</summary>
    public string DomainTags { get; set; } = "";
    public HoursDelivery Delivery { get; set; }
    public DateOnly CompletedOn { get; set; }
    public HoursSource Source { get; set; }
    public HoursStatus Status { get; set; }
    public Guid? ReversesEntryId { get; set; }
    public string? Reason { get; set; }
    public string? RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
    /// <summary>Unique: the same credit can never be written twice, whatever retries or double clicks happen.</summary>
    public string IdempotencyKey { get; set; } = "";
}

/// <summary>
/// A person's running hours in one domain and status: the sum of their ledger entries there, kept in the same
/// transaction as every entry (TrainingHubDb adds each saved entry with an atomic upsert), so the reports read one row
/// per trainee, domain and status instead of the ledger. The ledger stays the record; HoursTotalsCheck compares them.
/// </summary>
public sealed class HoursTotal
{
    public string PersonId { get; set; } = "";
    public string Domain { get; set; } = "";
    public HoursStatus Status { get; set; }
    /// <summary>The hours in whole hundredths (the ledger's precision), exact and summed natively by every database.</summary>
    public long Hundredths { get; set; }
    /// <summary>Entries above zero less entries below zero: among pending hours, the entries still waiting for sign-off.</summary>
    public int Items { get; set; }
}

/// <summary>
/// A person's running net hours on one lesson of a course, all statuses together (kept like <see cref="HoursTotal"/>):
/// a lesson whose total is above zero has been reached, which is what the reports' drop-off funnel reads.
/// </summary>
public sealed class LessonHoursTotal
{
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public long Hundredths { get; set; }
}

/// <summary>One accepted heartbeat from a lesson page: the evidence behind self-paced seat time. Append-only.</summary>
public sealed class SeatTimeBeat : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public DateOnly Day { get; set; }
    public int CreditedSeconds { get; set; }
    public bool ReachedEnd { get; set; }
}

/// <summary>A person's seat-time clock across every tab and device: time since the last accepted beat is credited once.</summary>
/// <summary>A row whose updates are checked against the version they were read with (a concurrency token).</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

public sealed class SeatTimeClock : IVersioned
{
    public string PersonId { get; set; } = "";
    public DateTime LastBeatAt { get; set; }
    /// <summary>Changes on every accepted beat; two beats racing for the same clock cannot both be credited.</summary>
    public Guid Version { get; set; }
}

/// <summary>
/// A person's running seat-time totals for one lesson, kept so a heartbeat does not re-add every earlier beat: updated in
/// the same transaction as the beat it counts, so it always equals the sums over that person's SeatTimeBeats for the
/// lesson (which stay the evidence). Created from those beats the first time it is needed.
/// </summary>
public sealed class SeatTimeTotal : IVersioned
{
    public string PersonId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    /// <summary>All credited seconds on the lesson.</summary>
    public int ActiveSeconds { get; set; }
    public bool ReachedEnd { get; set; }
    /// <summary>The day of the latest beat, and the seconds credited on that day (for the per-day cap).</summary>
    public DateOnly Day { get; set; }
    public int DaySeconds { get; set; }
    /// <summary>Changes on every beat it counts; two beats racing for the same totals cannot both be added.</summary>
    public Guid Version { get; set; }

    public int SecondsOn(DateOnly day) => day == Day ? DaySeconds : 0;

    public SeatTimeTotal Copy() => (SeatTimeTotal)MemberwiseClone();

    public void Add(DateOnly day, int seconds, bool reachedEnd)
    {
        ActiveSeconds += seconds;
        if (day == Day) DaySeconds += seconds;
        else if (day > Day) (Day, DaySeconds) = (day, seconds);
        ReachedEnd |= reachedEnd;
        Version = Guid.NewGuid();
    }
}

/// <summary>
/// A trainee's own note on a self-paced lesson. Private: only its writer reads it (no staff page, report, export or
/// packet does), and deleting it removes the row, so it is not part of the record and not append-only.
/// </summary>
public sealed class LessonReflection
{
    public const int MaxLength = 4000;

    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}

public sealed class LiveSession
{
    public Guid Id { get; set; }
    public Guid CohortId { get; set; }
    public string CourseId { get; set; } = "";
    public string LessonId { get; set; } = "";
    public DateTime StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public string? Place { get; set; }
    public string? VideoLink { get; set; }
    public string ScheduledById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool Cancelled { get; set; }

    /// <summary>The iCalendar SEQUENCE: 0 when scheduled, one more on each change (edit, move, cancel) trainees are told of.</summary>
    public int Sequence { get; set; }

    /// <summary>When the session was last changed (edited, moved or cancelled); the iCalendar LAST-MODIFIED.</summary>
    public DateTime? ChangedAt { get; set; }

    public DateTime EndsAt => StartsAt.AddMinutes(DurationMinutes);

    public HoursDelivery Delivery => string.IsNullOrWhiteSpace(VideoLink) ? HoursDelivery.InPerson : HoursDelivery.LiveVirtual;
}

/// <summary>
/// A person's private calendar feed address. Only a hash of its token is kept; replacing the token revokes the old
/// address at once (one row per person, overwritten).
/// </summary>
public sealed class CalendarFeed
{
    public string PersonId { get; set; } = "";
    /// <summary>SHA-256 of the token, hex.</summary>
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A facilitator's record of one person at one session. Append-only: a correction is a newer record for the same pair.</summary>
public sealed class AttendanceRecord : IAppendOnly
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public string PersonId { get; set; } = "";
    public bool Present { get; set; }
    /// <summary>Minutes after the session's start when the person arrived and left.</summary>
    public int? PresentFromMinute { get; set; }
    public int? PresentToMinute { get; set; }
    public bool MakeUp { get; set; }
    public string RecordedById { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public string? CorrectionReason { get; set; }
}

/// <summary>
/// A facilitator asks a trainee of another site to make up a lesson in their session. The trainee's own site's records
/// are theirs to share: they are put on the session's list only when they accept (and only where the institute allows
/// make-ups across sites). One request per person and session.
/// </summary>
public sealed class MakeUpRequest
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public string PersonId { get; set; } = "";
    public string RequestedById { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
}

public sealed class QuizAttempt
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string ModuleId { get; set; } = "";
    /// <summary>"open" while the attempt is open, else the attempt's id: a unique index keeps one open attempt per quiz.</summary>
    public string OpenKey { get; set; } = "";
    public int Number { get; set; }
    /// <summary>The questions drawn and each one's shuffled option order, as JSON.</summary>
    public string Layout { get; set; } = "";
    public string? Answers { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public int? ScorePercent { get; set; }
    public bool? Passed { get; set; }
    public int PassMark { get; set; }
    public string ContentHash { get; set; } = "";
}

/// <summary>A facilitator gave a person a fresh set of quiz attempts. Append-only.</summary>
public sealed class QuizReset : IAppendOnly
{
    public Guid Id { get; set; }
    public string PersonId { get; set; } = "";
    public string CourseId { get; set; } = "";
    public string ModuleId { get; set; } = "";
    public string ResetById { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime ResetAt { get; set; }
}
