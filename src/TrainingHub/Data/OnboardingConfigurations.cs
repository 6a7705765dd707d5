using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Domain;

namespace TrainingHub.Data;

internal sealed class SiteProfileConfiguration : IEntityTypeConfiguration<SiteProfile>
{
    public void Configure(EntityTypeBuilder<SiteProfile> e)
    {
        e.HasKey(x => x.SiteId);
        e.Property(x => x.StreetAddress).HasMaxLength(200);
        e.Property(x => x.City).HasMaxLength(100);
        e.Property(x => x.PostalCode).HasMaxLength(10);
        e.Property(x => x.ProgrammeType).HasMaxLength(80);
        e.Property(x => x.CredentialBoard).HasMaxLength(80);
        e.Property(x => x.InvitedById).HasMaxLength(450);
        e.Property(x => x.UpdatedById).HasMaxLength(450);
        e.Property(x => x.ActivatedById).HasMaxLength(450);
        e.Property(x => x.SentBackNote).HasMaxLength(1000);
        e.Ignore(x => x.IsComplete);
        e.HasOne<Site>().WithOne().HasForeignKey<SiteProfile>(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReadinessCheckConfiguration : IEntityTypeConfiguration<ReadinessCheck>
{
    public void Configure(EntityTypeBuilder<ReadinessCheck> e)
    {
        e.HasKey(x => new { x.SiteId, x.ItemId });
        e.Property(x => x.ItemId).HasMaxLength(80);
        e.Property(x => x.Note).HasMaxLength(300);
        e.Property(x => x.UpdatedById).HasMaxLength(450).IsRequired();
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.Property(x => x.Role).HasMaxLength(40).IsRequired();
        e.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
        e.Property(x => x.InvitedById).HasMaxLength(450);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => new { x.SiteId, x.PersonId });
        e.HasIndex(x => x.PersonId);
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FacilitatorApprovalConfiguration : IEntityTypeConfiguration<FacilitatorApproval>
{
    public void Configure(EntityTypeBuilder<FacilitatorApproval> e)
    {
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.ApprovedById).HasMaxLength(450).IsRequired();
        e.Property(x => x.RevokedById).HasMaxLength(450);
        // One approval per facilitator and course; revoking and approving again change the same row (the audit trail keeps the history).
        e.HasIndex(x => new { x.PersonId, x.CourseId }).IsUnique();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
