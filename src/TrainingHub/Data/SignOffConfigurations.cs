using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Domain;

namespace TrainingHub.Data;

internal sealed class SignOffConfiguration : IEntityTypeConfiguration<SignOff>
{
    public void Configure(EntityTypeBuilder<SignOff> e)
    {
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Statement).HasMaxLength(2000).IsRequired();
        e.Property(x => x.TypedName).HasMaxLength(200).IsRequired();
        e.Property(x => x.QualificationCredential).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.IpAddress).HasMaxLength(64);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignOffItemConfiguration : IEntityTypeConfiguration<SignOffItem>
{
    public void Configure(EntityTypeBuilder<SignOffItem> e)
    {
        e.Property(x => x.Subject).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Hours).HasPrecision(6, 2);
        e.HasOne<SignOff>().WithMany().HasForeignKey(x => x.SignOffId).OnDelete(DeleteBehavior.Restrict);
        // An item is decided once: a second approval or rejection of the same entry cannot be written.
        e.HasIndex(x => new { x.Subject, x.SubjectId }).IsUnique();
        e.HasIndex(x => x.PersonId);
    }
}

internal sealed class SignOffRevocationConfiguration : IEntityTypeConfiguration<SignOffRevocation>
{
    public void Configure(EntityTypeBuilder<SignOffRevocation> e)
    {
        e.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        e.HasOne<SignOff>().WithMany().HasForeignKey(x => x.SignOffId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.SignOffId).IsUnique();
    }
}

internal sealed class PracticumEntryConfiguration : IEntityTypeConfiguration<PracticumEntry>
{
    public void Configure(EntityTypeBuilder<PracticumEntry> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Hours).HasPrecision(6, 2);
        e.Property(x => x.Domain).HasMaxLength(80).IsRequired();
        e.Property(x => x.Setting).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(1000).IsRequired();
        e.Property(x => x.SupervisorName).HasMaxLength(200);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PracticumEntry>().WithMany().HasForeignKey(x => x.ResubmitsId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ResubmitsId).IsUnique();
        e.HasIndex(x => new { x.PersonId, x.Kind });
    }
}

internal sealed class SupervisorProfileConfiguration : IEntityTypeConfiguration<SupervisorProfile>
{
    public void Configure(EntityTypeBuilder<SupervisorProfile> e)
    {
        e.HasKey(x => x.PersonId);
        e.Property(x => x.CredentialHeld).HasMaxLength(200).IsRequired();
        e.Property(x => x.PendingCredentialHeld).HasMaxLength(200);
        e.Property(x => x.ConfirmedById).HasMaxLength(450);
        e.Ignore(x => x.IsConfirmed);
        e.Ignore(x => x.HasPending);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.ConfirmedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Key).HasMaxLength(300).IsRequired();
        e.Property(x => x.Payload).HasMaxLength(4000).IsRequired();
        e.Property(x => x.LastError).HasMaxLength(2000);
        e.Property(x => x.LeaseOwner).HasMaxLength(40);
        e.HasIndex(x => x.Key).IsUnique();
        e.HasIndex(x => x.ProcessedAt);
    }
}

internal sealed class SupervisorDigestConfiguration : IEntityTypeConfiguration<SupervisorDigest>
{
    public void Configure(EntityTypeBuilder<SupervisorDigest> e)
    {
        e.HasIndex(x => new { x.SupervisorId, x.Day }).IsUnique();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.SupervisorId).OnDelete(DeleteBehavior.Restrict);
    }
}
