using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TrainingHub.Domain;

namespace TrainingHub.Data;

public sealed class TrainingHubDb(DbContextOptions<TrainingHubDb> options) : IdentityDbContext<Person>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection keys (cookies, antiforgery, reset links): shared by every server of the site.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<Institute> Institutes => Set<Institute>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Cohort> Cohorts => Set<Cohort>();
    public DbSet<SiteMembership> SiteMemberships => Set<SiteMembership>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<HoursEntry> HoursEntries => Set<HoursEntry>();
    public DbSet<HoursTotal> HoursTotals => Set<HoursTotal>();
    public DbSet<LessonHoursTotal> LessonHoursTotals => Set<LessonHoursTotal>();
    public DbSet<SeatTimeBeat> SeatTimeBeats => Set<SeatTimeBeat>();
    public DbSet<SeatTimeClock> SeatTimeClocks => Set<SeatTimeClock>();
    public DbSet<SeatTimeTotal> SeatTimeTotals => Set<SeatTimeTotal>();
    public DbSet<LessonReflection> LessonReflections => Set<LessonReflection>();
    public DbSet<LiveSession> LiveSessions => Set<LiveSession>();
    public DbSet<AttendanceRecord> AttendanceRecords => Set<AttendanceRecord>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<MakeUpRequest> MakeUpRequests => Set<MakeUpRequest>();
    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    public DbSet<QuizReset> QuizResets => Set<QuizReset>();
    public DbSet<SignOff> SignOffs => Set<SignOff>();
    public DbSet<SignOffItem> SignOffItems => Set<SignOffItem>();
    public DbSet<SignOffRevocation> SignOffRevocations => Set<SignOffRevocation>();
    public DbSet<PracticumEntry> PracticumEntries => Set<PracticumEntry>();
    public DbSet<SupervisorProfile> SupervisorProfiles => Set<SupervisorProfile>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<GroupRequest> GroupRequests => Set<GroupRequest>();
    public DbSet<SupervisorDigest> SupervisorDigests => Set<SupervisorDigest>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateRevocation> CertificateRevocations => Set<CertificateRevocation>();
    public DbSet<BoardVerificationKey> BoardVerificationKeys => Set<BoardVerificationKey>();
    public DbSet<SiteProfile> SiteProfiles => Set<SiteProfile>();
    public DbSet<ReadinessCheck> ReadinessChecks => Set<ReadinessCheck>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<FacilitatorApproval> FacilitatorApprovals => Set<FacilitatorApproval>();
    public DbSet<CredentialTarget> CredentialTargets => Set<CredentialTarget>();
    public DbSet<ExamPass> ExamPasses => Set<ExamPass>();
    public DbSet<ExamPassWithdrawal> ExamPassWithdrawals => Set<ExamPassWithdrawal>();
    public DbSet<CodeOfEthicsSignature> CodeOfEthicsSignatures => Set<CodeOfEthicsSignature>();
    public DbSet<EthicsCodeSignature> EthicsCodeSignatures => Set<EthicsCodeSignature>();
    public DbSet<RecoveryTimeAttestation> RecoveryTimeAttestations => Set<RecoveryTimeAttestation>();
    public DbSet<OutsideCertificate> OutsideCertificates => Set<OutsideCertificate>();
    public DbSet<OutsideCertificateReview> OutsideCertificateReviews => Set<OutsideCertificateReview>();
    public DbSet<OutsideHoursLine> OutsideHoursLines => Set<OutsideHoursLine>();
    public DbSet<HeldCredential> HeldCredentials => Set<HeldCredential>();
    public DbSet<HeldCredentialReview> HeldCredentialReviews => Set<HeldCredentialReview>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TrainingHubDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored as UTC and read back marked as UTC, on every provider.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    // Every hours entry saved is added to the running totals in the same transaction, after the entries themselves are
    // written (so an entry refused at save time, a lost race on its idempotency key, adds nothing), whichever use case
    // or test wrote it: the totals cannot miss a write path.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseEditsToAppendOnlyRecords();
        var hours = HoursTotalsWriter.Added(this);
        if (hours.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        if (Database.CurrentTransaction is not null)
        {
            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            HoursTotalsWriter.Apply(this, hours);
            return saved;
        }
        using var transaction = Database.BeginTransaction();
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        HoursTotalsWriter.Apply(this, hours);
        transaction.Commit();
        return count;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseEditsToAppendOnlyRecords();
        var hours = HoursTotalsWriter.Added(this);
        if (hours.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await HoursTotalsWriter.ApplyAsync(this, hours, cancellationToken);
            return saved;
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await HoursTotalsWriter.ApplyAsync(this, hours, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private void RefuseEditsToAppendOnlyRecords()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is IAppendOnly && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new AppendOnlyViolationException(entry.Entity.GetType().Name);
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class AppendOnlyViolationException(string entity)
    : InvalidOperationException($"{entity} records are append-only: add a reversing entry instead of changing or deleting one.");
