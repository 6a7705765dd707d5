using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Domain;

namespace TrainingHub.Data;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> e)
    {
        e.Property(x => x.Code).HasMaxLength(40).IsRequired();
        e.Property(x => x.IssueKey).HasMaxLength(200).IsRequired();
        e.Property(x => x.CourseId).HasMaxLength(100).IsRequired();
        e.Property(x => x.CourseVersion).HasMaxLength(40).IsRequired();
        e.Property(x => x.TraineeName).HasMaxLength(200).IsRequired();
        e.Property(x => x.CourseTitle).HasMaxLength(300).IsRequired();
        e.Property(x => x.Hours).HasPrecision(6, 2);
        e.Property(x => x.HoursByDomain).HasMaxLength(2000).IsRequired();
        e.Property(x => x.DeliveryMode).HasMaxLength(100).IsRequired();
        e.Property(x => x.InstituteName).HasMaxLength(200).IsRequired();
        e.Property(x => x.ProviderNumbers).HasMaxLength(2000).IsRequired();
        e.Property(x => x.SignatoryName).HasMaxLength(200).IsRequired();
        e.Property(x => x.SignatoryTitle).HasMaxLength(200).IsRequired();
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => x.IssueKey).IsUnique();
        e.HasIndex(x => x.StatusIndex).IsUnique();
        e.HasIndex(x => x.PersonId);
        e.HasIndex(x => x.SupersedesId).IsUnique();
        e.HasOne<Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Certificate>().WithMany().HasForeignKey(x => x.SupersedesId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateRevocationConfiguration : IEntityTypeConfiguration<CertificateRevocation>
{
    public void Configure(EntityTypeBuilder<CertificateRevocation> e)
    {
        e.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        e.HasOne<Certificate>().WithMany().HasForeignKey(x => x.CertificateId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CertificateId).IsUnique();
    }
}

internal sealed class BoardVerificationKeyConfiguration : IEntityTypeConfiguration<BoardVerificationKey>
{
    public void Configure(EntityTypeBuilder<BoardVerificationKey> e)
    {
        e.Property(x => x.Name).HasMaxLength(200).IsRequired();
        e.Property(x => x.Prefix).HasMaxLength(20).IsRequired();
        e.Property(x => x.SecretHash).HasMaxLength(64).IsRequired();
        e.HasIndex(x => x.SecretHash).IsUnique();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> e)
    {
        e.HasKey(x => x.Generation);
        e.Property(x => x.Generation).ValueGeneratedNever();
        e.Property(x => x.KeyId).HasMaxLength(100).IsRequired();
        e.HasIndex(x => x.KeyId).IsUnique();
        e.Property(x => x.ProtectedPrivateKey).HasMaxLength(4000).IsRequired();
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        e.Property(x => x.Content).IsRequired();
    }
}
