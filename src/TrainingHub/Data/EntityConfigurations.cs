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
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Institute>().WithMany().HasForeignKey(x => x.InstituteId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.InstituteId, x.Name }).IsUnique();
    }
}

internal sealed class CohortConfiguration : IEntityTypeConfiguration<Cohort>
{
    public void Configure(EntityTypeBuilder<Cohort> e)
    {
        e.Property(x => x.Name).HasMaxLength(200).IsRequired();
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.DeliveryMode).HasConversion<string>().HasMaxLength(20);
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
    }
}
