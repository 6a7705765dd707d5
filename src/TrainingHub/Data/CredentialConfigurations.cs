using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Domain;

namespace TrainingHub.Data;

internal sealed class CredentialTargetConfiguration : IEntityTypeConfiguration<CredentialTarget>
{
    public void Configure(EntityTypeBuilder<CredentialTarget> e)
    {
        e.Property(x => x.CredentialId).HasMaxLength(80).IsRequired();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.PersonId, x.CredentialId }).IsUnique();
    }
}

internal sealed class ExamPassConfiguration : IEntityTypeConfiguration<ExamPass>
{
    public void Configure(EntityTypeBuilder<ExamPass> e)
    {
        e.Property(x => x.ExamId).HasMaxLength(80).IsRequired();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.ExamId });
    }
}

internal sealed class ExamPassWithdrawalConfiguration : IEntityTypeConfiguration<ExamPassWithdrawal>
{
    public void Configure(EntityTypeBuilder<ExamPassWithdrawal> e)
    {
        e.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
        e.HasOne<ExamPass>().WithMany().HasForeignKey(x => x.ExamPassId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.WithdrawnById).OnDelete(DeleteBehavior.Restrict);
        // A record is withdrawn once.
        e.HasIndex(x => x.ExamPassId).IsUnique();
    }
}

internal sealed class CodeOfEthicsSignatureConfiguration : IEntityTypeConfiguration<CodeOfEthicsSignature>
{
    public void Configure(EntityTypeBuilder<CodeOfEthicsSignature> e)
    {
        e.Property(x => x.CredentialId).HasMaxLength(80).IsRequired();
        e.Property(x => x.Statement).HasMaxLength(2000).IsRequired();
        e.Property(x => x.TypedName).HasMaxLength(200).IsRequired();
        e.Property(x => x.IpAddress).HasMaxLength(64);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        // Signed once per credential: a double click cannot make a second signature.
        e.HasIndex(x => new { x.PersonId, x.CredentialId }).IsUnique();
    }
}

internal sealed class EthicsCodeSignatureConfiguration : IEntityTypeConfiguration<EthicsCodeSignature>
{
    public void Configure(EntityTypeBuilder<EthicsCodeSignature> e)
    {
        e.Property(x => x.CodeId).HasMaxLength(80).IsRequired();
        e.Property(x => x.Version).HasMaxLength(40).IsRequired();
        e.Property(x => x.ContentHash).HasMaxLength(64).IsRequired();
        e.Property(x => x.Statement).HasMaxLength(2000).IsRequired();
        e.Property(x => x.TypedName).HasMaxLength(200).IsRequired();
        e.Property(x => x.IpAddress).HasMaxLength(64);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        // Signed once per version: two tabs or a double click cannot make a second signature.
        e.HasIndex(x => new { x.PersonId, x.CodeId, x.Version }).IsUnique();
    }
}

internal sealed class RecoveryTimeAttestationConfiguration : IEntityTypeConfiguration<RecoveryTimeAttestation>
{
    public void Configure(EntityTypeBuilder<RecoveryTimeAttestation> e)
    {
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.Years });
    }
}

internal sealed class OutsideCertificateConfiguration : IEntityTypeConfiguration<OutsideCertificate>
{
    public void Configure(EntityTypeBuilder<OutsideCertificate> e)
    {
        e.Property(x => x.ProviderName).HasMaxLength(200).IsRequired();
        e.Property(x => x.CourseTitle).HasMaxLength(200).IsRequired();
        e.Property(x => x.HoursClaimed).HasPrecision(6, 2);
        e.Property(x => x.OriginalFileName).HasMaxLength(260).IsRequired();
        e.Property(x => x.StoredFileName).HasMaxLength(100).IsRequired();
        e.Property(x => x.ContentType).HasMaxLength(40).IsRequired();
        e.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.PersonId);
        e.HasIndex(x => x.StoredFileName).IsUnique();
    }
}

internal sealed class OutsideCertificateReviewConfiguration : IEntityTypeConfiguration<OutsideCertificateReview>
{
    public void Configure(EntityTypeBuilder<OutsideCertificateReview> e)
    {
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.ProviderName).HasMaxLength(200);
        e.Property(x => x.ProviderBoard).HasMaxLength(80);
        e.Property(x => x.ProviderNumber).HasMaxLength(100);
        e.HasOne<OutsideCertificate>().WithMany().HasForeignKey(x => x.CertificateId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.ReviewedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CertificateId);
    }
}

internal sealed class OutsideHoursLineConfiguration : IEntityTypeConfiguration<OutsideHoursLine>
{
    public void Configure(EntityTypeBuilder<OutsideHoursLine> e)
    {
        e.Property(x => x.Domain).HasMaxLength(170).IsRequired();
        e.Property(x => x.Hours).HasPrecision(6, 2);
        e.HasOne<OutsideCertificateReview>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ReviewId);
    }
}

internal sealed class HeldCredentialConfiguration : IEntityTypeConfiguration<HeldCredential>
{
    public void Configure(EntityTypeBuilder<HeldCredential> e)
    {
        e.Property(x => x.CredentialId).HasMaxLength(80).IsRequired();
        e.Property(x => x.Number).HasMaxLength(100).IsRequired();
        e.Property(x => x.OriginalFileName).HasMaxLength(260).IsRequired();
        e.Property(x => x.StoredFileName).HasMaxLength(100).IsRequired();
        e.Property(x => x.ContentType).HasMaxLength(40).IsRequired();
        e.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.PersonId);
        e.HasIndex(x => x.StoredFileName).IsUnique();
    }
}

internal sealed class HeldCredentialReviewConfiguration : IEntityTypeConfiguration<HeldCredentialReview>
{
    public void Configure(EntityTypeBuilder<HeldCredentialReview> e)
    {
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.HasOne<HeldCredential>().WithMany().HasForeignKey(x => x.HeldCredentialId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.ReviewedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.HeldCredentialId);
    }
}
