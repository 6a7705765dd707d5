using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Data;

/// <summary>Demo institute content for Development: two sites, a cohort and one account per role (listed in the README).</summary>
public sealed class DemoData(TrainingHubDb db, UserManager<Person> users, IOptions<DemoDataOptions> options, TimeProvider clock, AuditTrail audit, Content.CourseCatalog catalog)
{
    public const string Domain = "demo.traininghub.test";
    public const string AdminEmail = $"admin@{Domain}";
    public const string CoordinatorEmail = $"coordinator@{Domain}";
    public const string SupervisorEmail = $"supervisor@{Domain}";
    public const string FacilitatorEmail = $"facilitator@{Domain}";
    public const string TraineeEmail = $"trainee@{Domain}";
    public const string CoordinatorBEmail = $"coordinator.b@{Domain}";
    public const string SupervisorBEmail = $"supervisor.b@{Domain}";
    public const string TraineeBEmail = $"trainee.b@{Domain}";
    public const string CoordinatorCEmail = $"coordinator.c@{Domain}";
    /// <summary>A peer recovery coach who already holds a credential, due for renewal within six months.</summary>
    public const string CoachEmail = $"coach@{Domain}";
    public static readonly Guid SiteA = Guid.Parse("0f6f1f4e-5a41-4c39-9d0e-2f4a1c7b8a01");
    public static readonly Guid SiteB = Guid.Parse("7c2d9b13-61e8-4b0a-a6f5-93d4e2c1b702");
    public static readonly Guid CohortA = Guid.Parse("b5e3a7c9-2d14-4f86-8b21-6a0c9e4d3f03");
    /// <summary>Site B's cohort (no trainees yet): what the isolation tests try to reach from site A.</summary>
    public static readonly Guid CohortB = Guid.Parse("3e8f0c52-7b19-4d6a-9c34-1f2a8b5d6e04");
    /// <summary>A replicating site still setting up, so the onboarding board shows one.</summary>
    public static readonly Guid SiteC = Guid.Parse("a4d61b27-93c8-4e05-b7f2-5c8e0d1a9f05");

    public static readonly IReadOnlyList<(string Email, string FullName, string Role, Guid? Site)> Accounts =
    [
        (AdminEmail, "Morgan Lee", Roles.InstituteAdmin, null),
        (CoordinatorEmail, "Rosa Alvarez", Roles.SiteCoordinator, SiteA),
        (SupervisorEmail, "Dennis Okafor", Roles.Supervisor, SiteA),
        (FacilitatorEmail, "Sam Whitfield", Roles.Facilitator, SiteA),
        (TraineeEmail, "Terry Jackson", Roles.Trainee, SiteA),
        (CoordinatorBEmail, "Grace Mensah", Roles.SiteCoordinator, SiteB),
        (SupervisorBEmail, "Priya Shah", Roles.Supervisor, SiteB),
        (TraineeBEmail, "Lena Brooks", Roles.Trainee, SiteB),
        (CoordinatorCEmail, "Jordan Price", Roles.SiteCoordinator, SiteC),
        (CoachEmail, "Casey Morgan", Roles.Trainee, SiteC),
    ];

    /// <summary>Creates the demo institute on a database with no sites; false when there was something already.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        if (await db.Sites.AnyAsync(ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var institute = await db.Institutes.OrderBy(i => i.Id).FirstAsync(ct);

        db.Sites.Add(new Site { Id = SiteA, InstituteId = institute.Id, Name = "Harbor Light Recovery Center", State = "NY", Status = SiteStatus.Active, CreatedAt = now });
        db.Sites.Add(new Site { Id = SiteB, InstituteId = institute.Id, Name = "Riverside Opioid Treatment Program", State = "MA", Status = SiteStatus.Active, CreatedAt = now });
        db.Sites.Add(new Site { Id = SiteC, InstituteId = institute.Id, Name = "Northway Medication Treatment Center", State = "PA", Status = SiteStatus.Onboarding, CreatedAt = now });
        await db.SaveChangesAsync(ct);

        string? facilitatorId = null;
        foreach (var (email, name, role, site) in Accounts)
        {
            var person = new Person { UserName = email, Email = email, EmailConfirmed = true, FullName = name, CreatedAt = now };
            var created = await users.CreateAsync(person, options.Value.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"DemoData:Password is not accepted by the password policy: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            await users.AddToRoleAsync(person, role);
            if (site is not null)
            {
                db.SiteMemberships.Add(new SiteMembership { Id = Guid.NewGuid(), SiteId = site.Value, PersonId = person.Id, Role = role, CreatedAt = now });
            }
            if (role == Roles.Facilitator) facilitatorId = person.Id;
            if (role == Roles.Supervisor)
            {
                var admin = (await users.FindByEmailAsync(AdminEmail))!.Id;
                db.SupervisorProfiles.Add(new SupervisorProfile { PersonId = person.Id, CredentialHeld = "CARC", YearsSupervisingPeers = 3, UpdatedAt = now, ConfirmedById = admin, ConfirmedAt = now });
            }
        }
        db.Cohorts.Add(new Cohort
        {
            Id = CohortA, SiteId = SiteA, CourseId = "recovery-coach", Name = "Winter 2027 Recovery Coach cohort",
            StartsOn = new DateOnly(2027, 1, 11), DeliveryMode = DeliveryMode.InPerson, Capacity = 16, FacilitatorId = facilitatorId, CreatedAt = now,
        });
        var terry = await users.FindByEmailAsync(TraineeEmail);
        var course = catalog.Find("recovery-coach");
        if (terry is not null && course is not null)
        {
            db.Enrollments.Add(new Enrollment
            {
                Id = Guid.NewGuid(), PersonId = terry.Id, CourseId = course.Id, CourseVersion = course.Version, ContentHash = course.ContentHash,
                CohortId = CohortA, Status = EnrollmentStatus.Active, EnrolledAt = now,
            });
        }
        await AddOnboardingAsync(facilitatorId, now);
        await AddHeldCredentialAsync(now);
        audit.Record(null, AuditActions.DemoDataCreated, "institute", "two open sites and one setting up, cohorts, and one account per role");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Site profiles, a readiness checklist half done at the site still setting up, site B's cohort, and the facilitator's approvals.</summary>
    private async Task AddOnboardingAsync(string? facilitatorId, DateTime now)
    {
        db.SiteProfiles.Add(new SiteProfile
        {
            SiteId = SiteA, StreetAddress = "120 Harbor Street", City = "Bronx", PostalCode = "10451", ProgrammeType = "opioid-treatment-programme",
            CredentialBoard = "ny-asap-nycb", UpdatedAt = now, SubmittedAt = now, ActivatedAt = now,
        });
        db.SiteProfiles.Add(new SiteProfile
        {
            SiteId = SiteB, StreetAddress = "45 River Road", City = "Worcester", PostalCode = "01608", ProgrammeType = "opioid-treatment-programme",
            CredentialBoard = "ma-mbsacc", UpdatedAt = now, SubmittedAt = now, ActivatedAt = now,
        });
        db.SiteProfiles.Add(new SiteProfile { SiteId = SiteC, StreetAddress = "9 Mill Lane", City = "Scranton", PostalCode = "18503", UpdatedAt = now });
        var coordinatorC = (await users.FindByEmailAsync($"coordinator.c@{Domain}"))!.Id;
        var admin = (await users.FindByEmailAsync($"admin@{Domain}"))!.Id;
        foreach (var item in new[] { "peer-space", "peer-leaders" })
        {
            db.ReadinessChecks.Add(new ReadinessCheck
            {
                SiteId = SiteC, ItemId = item, Done = true, Note = item == "peer-space" ? "Room 104, ground floor" : null, UpdatedAt = now, UpdatedById = coordinatorC,
            });
        }
        db.Cohorts.Add(new Cohort
        {
            Id = CohortB, SiteId = SiteB, CourseId = "ethics", Name = "Spring 2027 Ethics cohort", StartsOn = new DateOnly(2027, 3, 1),
            Schedule = "Wednesdays, 1 pm to 4 pm, five weeks", DeliveryMode = DeliveryMode.Blended, Capacity = 12, CreatedAt = now,
        });
        if (facilitatorId is null) return;
        foreach (var courseId in new[] { "recovery-coach", "mat" })
        {
            db.FacilitatorApprovals.Add(new FacilitatorApproval { Id = Guid.NewGuid(), PersonId = facilitatorId, CourseId = courseId, ApprovedById = admin, ApprovedAt = now });
        }
    }

    /// <summary>
    /// The coach holds Connecticut's peer credential, verified by the institute, awarded so that its renewal falls due in
    /// about 100 days: the renewal reminders, the renewal packet and the next step on the ladder all have something to show.
    /// </summary>
    private async Task AddHeldCredentialAsync(DateTime now)
    {
        var coach = (await users.FindByEmailAsync(CoachEmail))!.Id;
        var admin = (await users.FindByEmailAsync(AdminEmail))!.Id;
        var letter = System.Text.Encoding.ASCII.GetBytes(DemoLetterPdf);
        var id = Guid.Parse("5d0c7a31-8e24-4b6f-a913-2c7e5f8d1b06");
        var stored = $"held-{id:N}.pdf";
        db.StoredFiles.Add(new StoredFile { Name = stored, ContentType = "application/pdf", Content = letter, StoredAt = now });
        db.HeldCredentials.Add(new HeldCredential
        {
            Id = id, PersonId = coach, CredentialId = "ct-ccb-cprs", Number = "CPRS-1187", AwardedOn = DateOnly.FromDateTime(now).AddYears(-2).AddDays(100),
            OriginalFileName = "ccb-letter.pdf", StoredFileName = stored, ContentType = "application/pdf", SizeBytes = letter.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(letter)), RecordedAt = now,
        });
        db.HeldCredentialReviews.Add(new HeldCredentialReview { Id = Guid.NewGuid(), HeldCredentialId = id, Decision = OutsideCertificateDecision.Verified, ReviewedById = admin, ReviewedAt = now });
        db.CredentialTargets.Add(new CredentialTarget { Id = Guid.NewGuid(), PersonId = coach, CredentialId = "ct-ccb-cac", ChosenAt = now });
    }

    /// <summary>A one-page PDF standing in for the board's letter in the demo.</summary>
    private const string DemoLetterPdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}
