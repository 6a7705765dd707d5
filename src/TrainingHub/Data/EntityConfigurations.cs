using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Domain;

namespace TrainingHub.Data;

internal sealed class InstituteConfiguration : IEntityTypeConfiguration<Institute>
{
    public void Configure(EntityTypeBuilder<Institute> e)
    {
        e.Property(x => x.Name).HasMaxLength(200).IsRequired();
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> e)
    {
        e.Property(x => x.Name).HasMaxLength(200).IsRequired();
        e.Property(x => x.State).HasMaxLength(2).IsRequired();
        e.Property(x => x.TimeZone).HasMaxLength(64);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Institute>().WithMany().HasForeignKey(x => x.InstituteId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.NormalizedName).HasMaxLength(200).IsRequired();
        e.HasIndex(x => new { x.InstituteId, x.NormalizedName }).IsUnique();
    }
}

internal sealed class CohortConfiguration : IEntityTypeConfiguration<Cohort>
{
    public void Configure(EntityTypeBuilder<Cohort> e)
    {
        e.Property(x => x.Name).HasMaxLength(200).IsRequired();
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.DeliveryMode).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Schedule).HasMaxLength(300);
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.FacilitatorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.SiteId);
    }
}

internal sealed class SiteMembershipConfiguration : IEntityTypeConfiguration<SiteMembership>
{
    public void Configure(EntityTypeBuilder<SiteMembership> e)
    {
        e.Property(x => x.Role).HasMaxLength(40).IsRequired();
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SiteId, x.PersonId, x.Role }).IsUnique();
        e.HasIndex(x => x.PersonId);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> e)
    {
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.CourseVersion).HasMaxLength(40).IsRequired();
        e.Property(x => x.ContentHash).HasMaxLength(64).IsRequired();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
        // One enrolment per person and course: a double click or a retry never makes a second one.
        e.HasIndex(x => new { x.PersonId, x.CourseId }).IsUnique();
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.Property(x => x.Action).HasMaxLength(80).IsRequired();
        e.Property(x => x.Subject).HasMaxLength(200).IsRequired();
        e.Property(x => x.ActorId).HasMaxLength(450);
        e.Property(x => x.IpAddress).HasMaxLength(64);
        e.Property(x => x.Details).HasMaxLength(4000);
        e.HasIndex(x => x.OccurredAt);
        e.HasIndex(x => x.ActorId);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.Property(x => x.FullName).HasMaxLength(200).IsRequired();
        e.Property(x => x.PreferredLanguage).HasMaxLength(10);
        // Identity checks that an address is free before it saves, which two requests at once can both pass; the index
        // makes the database refuse the second, whatever the case of the address.
        e.HasIndex(x => x.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
    }
}

internal sealed class HoursEntryConfiguration : IEntityTypeConfiguration<HoursEntry>
{
    public void Configure(EntityTypeBuilder<HoursEntry> e)
    {
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.CourseVersion).HasMaxLength(40).IsRequired();
        e.Property(x => x.LessonId).HasMaxLength(150);
        e.Property(x => x.Hours).HasPrecision(6, 2);
        e.Property(x => x.Domain).HasMaxLength(80).IsRequired();
        e.Property(x => x.DomainTags).HasMaxLength(400).IsRequired();
        e.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.IdempotencyKey).HasMaxLength(300).IsRequired();
        e.HasIndex(x => x.IdempotencyKey).IsUnique();
        // The reports sum each trainee's hours by lesson and by domain: with Hours in the index the sums are read from
        // the index alone, in group order, without touching the table (the first also serves look-ups by person and course).
        e.HasIndex(x => new { x.PersonId, x.CourseId, x.LessonId, x.Hours });
        e.HasIndex(x => new { x.PersonId, x.Domain, x.Status, x.Hours });
        e.HasIndex(x => new { x.Status, x.PersonId });
        // What waits for sign-off (SupervisorRules.WaitingHoursAsync): the open pending entries alone, with every column the
        // queues and reports read, so the database answers from this small index instead of the whole ledger. Status leads
        // and every column the query names is in it (ReversesEntryId too, always null here), so SQLite's planner takes it
        // for "Status = 'Pending'" even before ANALYZE has run.
        e.HasIndex(x => new { x.Status, x.Id, x.PersonId, x.EnrollmentId, x.RecordedAt, x.Hours, x.ReversesEntryId })
            .HasFilter("\"Status\" = 'Pending' AND \"ReversesEntryId\" IS NULL")
            .HasDatabaseName("IX_HoursEntries_OpenPending");
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<HoursEntry>().WithMany().HasForeignKey(x => x.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
        // A reversal can only ever reverse an entry once. Only reversals are in the index: for "ReversesEntryId IS NULL"
        // SQLite took a unique index for an equality that finds one row, and walked most of the ledger through it.
        e.HasIndex(x => x.ReversesEntryId).IsUnique().HasFilter("\"ReversesEntryId\" IS NOT NULL");
    }
}

internal sealed class HoursTotalConfiguration : IEntityTypeConfiguration<HoursTotal>
{
    public void Configure(EntityTypeBuilder<HoursTotal> e)
    {
        e.HasKey(x => new { x.PersonId, x.Domain, x.Status });
        e.Property(x => x.Domain).HasMaxLength(80);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LessonHoursTotalConfiguration : IEntityTypeConfiguration<LessonHoursTotal>
{
    public void Configure(EntityTypeBuilder<LessonHoursTotal> e)
    {
        e.HasKey(x => new { x.PersonId, x.CourseId, x.LessonId });
        e.Property(x => x.CourseId).HasMaxLength(100);
        e.Property(x => x.LessonId).HasMaxLength(150);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SeatTimeBeatConfiguration : IEntityTypeConfiguration<SeatTimeBeat>
{
    public void Configure(EntityTypeBuilder<SeatTimeBeat> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.LessonId).HasMaxLength(150).IsRequired();
        e.HasIndex(x => new { x.PersonId, x.LessonId, x.Day });
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SeatTimeClockConfiguration : IEntityTypeConfiguration<SeatTimeClock>
{
    public void Configure(EntityTypeBuilder<SeatTimeClock> e)
    {
        e.HasKey(x => x.PersonId);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SeatTimeTotalConfiguration : IEntityTypeConfiguration<SeatTimeTotal>
{
    public void Configure(EntityTypeBuilder<SeatTimeTotal> e)
    {
        e.HasKey(x => new { x.PersonId, x.LessonId });
        e.Property(x => x.LessonId).HasMaxLength(150);
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LessonReflectionConfiguration : IEntityTypeConfiguration<LessonReflection>
{
    public void Configure(EntityTypeBuilder<LessonReflection> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.LessonId).HasMaxLength(150).IsRequired();
        e.Property(x => x.Text).HasMaxLength(LessonReflection.MaxLength).IsRequired();
        e.HasIndex(x => new { x.PersonId, x.CourseId, x.LessonId }).IsUnique();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LiveSessionConfiguration : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> e)
    {
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.LessonId).HasMaxLength(150).IsRequired();
        e.Property(x => x.Place).HasMaxLength(300);
        e.Property(x => x.VideoLink).HasMaxLength(500);
        e.Ignore(x => x.Delivery);
        e.Ignore(x => x.EndsAt);
        e.HasIndex(x => new { x.CohortId, x.StartsAt });
        e.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CourseId, x.LessonId });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> e)
    {
        e.HasKey(x => x.PersonId);
        e.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> e)
    {
        e.Property(x => x.CorrectionReason).HasMaxLength(1000);
        e.HasOne<LiveSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SessionId, x.PersonId, x.RecordedAt });
    }
}

internal sealed class MakeUpRequestConfiguration : IEntityTypeConfiguration<MakeUpRequest>
{
    public void Configure(EntityTypeBuilder<MakeUpRequest> e)
    {
        e.HasOne<LiveSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.RequestedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SessionId, x.PersonId }).IsUnique();
        e.HasIndex(x => x.PersonId);
    }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> e)
    {
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.ModuleId).HasMaxLength(150).IsRequired();
        e.Property(x => x.OpenKey).HasMaxLength(40).IsRequired().IsConcurrencyToken();
        e.Property(x => x.Layout).IsRequired();
        e.Property(x => x.ContentHash).HasMaxLength(64).IsRequired();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        // One open attempt per person and quiz, on every provider, without a filtered index.
        e.HasIndex(x => new { x.PersonId, x.CourseId, x.ModuleId, x.OpenKey }).IsUnique();
    }
}

internal sealed class QuizResetConfiguration : IEntityTypeConfiguration<QuizReset>
{
    public void Configure(EntityTypeBuilder<QuizReset> e)
    {
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.ModuleId).HasMaxLength(150).IsRequired();
        e.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.CourseId, x.ModuleId });
    }
}

internal sealed class GroupRequestConfiguration : IEntityTypeConfiguration<GroupRequest>
{
    public void Configure(EntityTypeBuilder<GroupRequest> e)
    {
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.OpenKey).HasMaxLength(40).IsRequired().IsConcurrencyToken();
        e.Property(x => x.DeclineReason).HasMaxLength(500);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.AnsweredById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.EnrollmentId, x.OpenKey }).IsUnique();
        e.HasIndex(x => new { x.SiteId, x.Status });
    }
}
