using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TrainingHub.Infrastructure;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Which database engine holds the data.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite it may be empty and the file is created in <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and other local data, relative to the content root unless absolute.</summary>
    [Required]
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>
    /// Apply pending migrations when the site starts. Unset: on with SQLite and in Development; off with a database server,
    /// where the deploy step (<c>TrainingHub.Cli migrate</c>) migrates once, before any server starts.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    public bool MigratesOnStartup(IHostEnvironment environment) =>
        MigrateOnStartup ?? (Provider == DatabaseProvider.Sqlite || environment.IsDevelopment());

    /// <summary>
    /// SQLite only: commit heartbeats arriving together as one transaction (one disk sync for many). Off: each beat commits
    /// on its own, as with the other providers.
    /// </summary>
    public bool GroupSqliteCommits { get; set; } = true;
}

public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>Folder holding courses/, domains.yml and language.yml. Empty: the nearest "content" folder above the content root.</summary>
    public string? Path { get; set; }
}

public enum EmailDelivery { PickupFolder, Smtp }

public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.PickupFolder;

    /// <summary>Where .eml files are written when <see cref="Delivery"/> is PickupFolder (relative to the data folder unless absolute).</summary>
    [Required]
    public string PickupFolder { get; set; } = "mail";

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@traininghub.local";

    [Required]
    public string FromName { get; set; } = "TrainingHub";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool UseStartTls { get; set; } = true;
}

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    [Range(3, 20)]
    public int MaxFailedSignInAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(12, 128)]
    public int MinimumPasswordLength { get; set; } = 12;

    [Range(1, 72)]
    public int PasswordResetLinkHours { get; set; } = 2;

    /// <summary>Sign-in and password-reset requests allowed per minute from one network address.</summary>
    [Range(1, 100000)]
    public int RequestsPerMinutePerAddress { get; set; } = 30;
}

public sealed class InstituteOptions
{
    public const string Section = "Institute";

    /// <summary>The institute's name, used when the database is first created.</summary>
    [Required, MinLength(2)]
    public string Name { get; set; } = "TrainingHub Institute";

    /// <summary>Public address of the site, used in links sent by email.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>IANA time zone in which session times are entered and shown.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>
    /// Whether a facilitator may ask a trainee of another site to make up a lesson in their session (the trainee must
    /// still accept). Off by default: each site's records stay with that site.
    /// </summary>
    public bool AllowCrossSiteMakeUps { get; set; }
}

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Create a demo institute, sites, cohort and one account per role when the database is empty.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// With the demo data, also what a term leaves behind: past sessions with attendance, a trainee part-way through, hours
    /// waiting for sign-off, upcoming sessions and a trainee with a certificate (<see cref="Data.DemoStory"/>).
    /// </summary>
    public bool Story { get; set; }

    /// <summary>Password of every demo account.</summary>
    [Required, MinLength(12)]
    public string Password { get; set; } = "Recovery-Demo-2026";
}

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire job server inside the site.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Jobs one server runs at once; each holds a database connection while it runs.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>Seconds between a server's heartbeats in Hangfire's server list.</summary>
    [Range(5, 300)]
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>Minutes without a heartbeat after which a server is taken off the list (and its recurring work moves on).</summary>
    [Range(1, 60)]
    public int ServerTimeoutMinutes { get; set; } = 2;

    /// <summary>
    /// Minutes after which a job fetched by a server that stopped answering is handed to another server. Longer than any
    /// one job runs (an e-mail with a PDF takes seconds), or a slow job would run twice.
    /// </summary>
    [Range(1, 60)]
    public int InvisibilityTimeoutMinutes { get; set; } = 5;

    /// <summary>PostgreSQL storage: seconds between looks at an empty queue (SQL Server is told of new jobs at once).</summary>
    [Range(1, 60)]
    public int QueuePollSeconds { get; set; } = 5;

    /// <summary>
    /// How long a dispatcher holds an outbox row while it works on it: long enough for any one piece of work (an e-mail
    /// with a PDF); the rows of a server that died come back after it.
    /// </summary>
    [Range(5, 3600)]
    public int OutboxLeaseSeconds { get; set; } = 300;

    /// <summary>
    /// Minutes between passes that complete enrolments whose record is complete but whose completion is missing (a
    /// certificate that was never requested). Such records are rare, so an hourly pass is soon enough.
    /// </summary>
    [Range(1, 60)]
    public int CompletionReconciliationMinutes { get; set; } = 60;
}

public sealed class InvitationOptions
{
    public const string Section = "Invitations";

    /// <summary>Days an emailed invitation link works before the person needs a new one.</summary>
    [Range(1, 30)]
    public int LinkDays { get; set; } = 7;

    /// <summary>Most rows a roster file may hold.</summary>
    [Range(1, 5000)]
    public int RosterMaxRows { get; set; } = 500;
}

/// <summary>
/// Every options class bound from configuration, with its section. The one list: start-up binds and validates each
/// entry (<see cref="OptionsSection.Register"/>), and a test keeps these and appsettings.schema.json in step.
/// </summary>
public static class OptionsCatalog
{
    public static readonly IReadOnlyList<OptionsSection> All =
    [
        OptionsSection.For<DatabaseOptions>(DatabaseOptions.Section),
        OptionsSection.For<ContentOptions>(ContentOptions.Section),
        OptionsSection.For<EmailOptions>(EmailOptions.Section),
        OptionsSection.For<AccountOptions>(AccountOptions.Section),
        OptionsSection.For<InstituteOptions>(InstituteOptions.Section),
        OptionsSection.For<DemoDataOptions>(DemoDataOptions.Section),
        OptionsSection.For<JobsOptions>(JobsOptions.Section),
        OptionsSection.For<LearningRecordOptions>(LearningRecordOptions.Section),
        OptionsSection.For<SignOffOptions>(SignOffOptions.Section),
        OptionsSection.For<CertificateOptions>(CertificateOptions.Section),
        OptionsSection.For<InvitationOptions>(InvitationOptions.Section),
        OptionsSection.For<CredentialOptions>(CredentialOptions.Section),
        OptionsSection.For<KeyProtectionOptions>(KeyProtectionOptions.Section),
        OptionsSection.For<ProxyOptions>(ProxyOptions.Section),
        OptionsSection.For<ExportOptions>(ExportOptions.Section),
        OptionsSection.For<XapiOptions>(XapiOptions.Section),
    ];
}

/// <summary>One options class and the configuration section it is bound from.</summary>
public sealed class OptionsSection
{
    private readonly Action<IServiceCollection, IConfiguration> _register;

    private OptionsSection(string section, Type type, Action<IServiceCollection, IConfiguration> register) =>
        (Section, Type, _register) = (section, type, register);

    public string Section { get; }

    public Type Type { get; }

    public static OptionsSection For<T>(string section) where T : class => new(section, typeof(T), (services, configuration) =>
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
    });

    /// <summary>Binds the section and validates it at start-up, naming the key of any value it refuses.</summary>
    public void Register(IServiceCollection services, IConfiguration configuration) => _register(services, configuration);

    public void Deconstruct(out string section, out Type type) => (section, type) = (Section, Type);
}

public sealed class LearningRecordOptions
{
    public const string Section = "LearningRecord";

    /// <summary>Seconds between heartbeats from a lesson page.</summary>
    [Range(15, 30)]
    public int HeartbeatSeconds { get; set; } = 20;

    /// <summary>Extra seconds a late heartbeat may still earn, for slow connections.</summary>
    [Range(0, 30)]
    public int HeartbeatSlackSeconds { get; set; } = 10;

    /// <summary>A page stops sending heartbeats when the person has not interacted for this long.</summary>
    [Range(1, 60)]
    public int IdleMinutes { get; set; } = 5;

    /// <summary>Seconds a heartbeat's own time stamp may be ahead of the server's clock.</summary>
    [Range(0, 300)]
    public int FutureToleranceSeconds { get; set; } = 5;

    /// <summary>Most active minutes credited on one lesson in one day.</summary>
    [Range(15, 1440)]
    public int MaxActiveMinutesPerLessonPerDay { get; set; } = 180;

    /// <summary>Active minutes needed per credited hour of a self-paced lesson (a contact hour is commonly 50–60 minutes).</summary>
    [Range(30, 60)]
    public int MinutesPerCreditedHour { get; set; } = 50;

    /// <summary>How attendance at a live session earns credit: AllOfSession, MinimumShare or Partial.</summary>
    public Domain.AttendanceRule AttendanceRule { get; set; } = Domain.AttendanceRule.AllOfSession;

    /// <summary>With AttendanceRule MinimumShare: the share of the session (percent) that earns full credit.</summary>
    [Range(1, 100)]
    public int AttendanceMinimumSharePercent { get; set; } = 100;

    /// <summary>Quiz attempts before a facilitator must reset.</summary>
    [Range(1, 20)]
    public int QuizAttemptLimit { get; set; } = 3;

    /// <summary>When rationales are shown: AfterPassOrLastAttempt, AfterEveryAttempt or Never.</summary>
    public Domain.QuizReviewPolicy QuizReview { get; set; } = Domain.QuizReviewPolicy.AfterPassOrLastAttempt;
}

public sealed class SignOffOptions
{
    public const string Section = "SignOff";

    /// <summary>Courses whose hours in <see cref="Domains"/> wait for a supervisor's sign-off.</summary>
    public string[] Courses { get; set; } = ["ethics"];

    /// <summary>Domain tags that need a supervisor's sign-off in <see cref="Courses"/>.</summary>
    public string[] Domains { get; set; } = ["ethical-responsibility"];

    /// <summary>Years supervising peers a supervisor needs before they may sign off (IC&amp;RC guidance: 2). 0: no minimum.</summary>
    [Range(0, 50)]
    public int MinimumYearsSupervising { get; set; } = 2;

    /// <summary>The statement a supervisor affirms when approving.</summary>
    [Required, MinLength(20)]
    public string AttestationStatement { get; set; } =
        "I attest that I supervised this trainee, that I reviewed the hours listed, and that to my knowledge they are true and complete.";

    /// <summary>Hour of the day (institute time) when supervisors receive their digest of pending items.</summary>
    [Range(0, 23)]
    public int DigestHour { get; set; } = 7;
}

public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>Who signs certificates, as printed.</summary>
    [Required, MinLength(2)]
    public string SignatoryName { get; set; } = "Training Director";

    [Required, MinLength(2)]
    public string SignatoryTitle { get; set; } = "Director of Training";

    /// <summary>PEM file of the institute's P-256 signing key for Open Badges; relative to the data folder unless absolute. Created on first use.</summary>
    [Required]
    public string SigningKeyPath { get; set; } = "keys/institute-signing.pem";

    /// <summary>Verification look-ups allowed per minute from one network address.</summary>
    [Range(1, 10_000_000)]
    public int VerifyRequestsPerMinute { get; set; } = 20;

    /// <summary>Batch look-ups (POST /api/verify) allowed per minute for one board verification key.</summary>
    [Range(1, 10_000_000)]
    public int BoardVerifyRequestsPerMinute { get; set; } = 60;
}

public sealed class CredentialOptions
{
    public const string Section = "Credentials";

    /// <summary>
    /// The institute's approved-provider number with each board, by the board id of the rule files in
    /// content/credentials/ (for example "ny-asap-nycb"). A board without a number here does not count the institute's
    /// training where its rules ask for an approved provider.
    /// </summary>
    public Dictionary<string, string> ProviderNumbers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The day each board's approval of the institute began, by board id. A number counts only for training completed on
    /// or after its day; a board without a day here counts the number for all training.
    /// </summary>
    public Dictionary<string, DateOnly> ProviderNumbersFrom { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Institute courses a board accepts as continuing education for renewal, by board id (for example
    /// { "icrc": ["ethics"] }). Hours of other courses do not count toward a renewal.
    /// </summary>
    public Dictionary<string, string[]> ContinuingEducation { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest outside certificate (PDF, PNG or JPEG) a trainee may upload, in megabytes.</summary>
    [Range(1, 25)]
    public int OutsideCertificateMaxMegabytes { get; set; } = 10;

    /// <summary>Longest side, in pixels, of a picture of an outside certificate.</summary>
    [Range(500, 20000)]
    public int OutsideCertificateMaxImageSide { get; set; } = 6000;

    /// <summary>Most megapixels (width × height) of a picture of an outside certificate.</summary>
    [Range(1, 200)]
    public int OutsideCertificateMaxImageMegapixels { get; set; } = 40;

    /// <summary>Minutes between the job's checks for people who became eligible for a credential they chose.</summary>
    [Range(1, 60)]
    public int EligibilityCheckMinutes { get; set; } = 15;
}

/// <summary>How the data-protection keys (kept in the database) are encrypted at rest.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PFX file whose certificate encrypts the keys; every server needs the same file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password; from an environment variable or a secret store, never the repository.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Production only: start although the keys are not encrypted at rest (for example on a single trusted machine).</summary>
    public bool AllowUnprotectedKeys { get; set; }
}

/// <summary>
/// The proxies (nginx, a load balancer) trusted to say, in X-Forwarded-For, -Proto and -Host, who the client is and whether
/// it came over HTTPS. Loopback is always trusted; the headers from any other address are ignored.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of the site, for example 10.0.0.5.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, for example 10.0.0.0/24.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may add to X-Forwarded-For (1: one nginx or one load balancer).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var address in KnownProxies.Where(a => !System.Net.IPAddress.TryParse(a, out _)))
        {
            yield return new ValidationResult($"'{address}' is not an IP address.", [nameof(KnownProxies)]);
        }
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation (such as 10.0.0.0/24).", [nameof(KnownNetworks)]);
        }
    }
}

/// <summary>
/// What the board-ready exports need that only the institute knows: its own course numbers and the numbers and codes
/// CE Broker issued or uses. A value not set here is written as a placeholder the admin sees, never guessed.
/// </summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>The institute's own number for each course, by course id; without one the course id is the number.</summary>
    public Dictionary<string, string> CourseNumbers { get; set; } = new(StringComparer.Ordinal);

    public CeBrokerOptions CeBroker { get; set; } = new();
}

/// <summary>The values of a CE Broker roster upload that CE Broker issues to the provider or names in its code lists.</summary>
public sealed class CeBrokerOptions
{
    /// <summary>The provider tracking number CE Broker issued, without its "50-" prefix.</summary>
    public string ProviderTrackingNumber { get; set; } = "";

    /// <summary>CE Broker's course tracking number of each course, without its "20-" prefix, by course id.</summary>
    public Dictionary<string, string> CourseTrackingNumbers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The licensee's state as CE Broker abbreviates it (for example "FL"), by credential id of the rule files.</summary>
    public Dictionary<string, string> States { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CE Broker's profession code for each credential (from CE Broker's list of profession codes), by credential id.</summary>
    public Dictionary<string, string> ProfessionCodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CE Broker's subject area code for each training domain (from CE Broker's list), by domain tag.</summary>
    public Dictionary<string, string> SubjectAreaCodes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Sending learning records to a learning record store as xAPI 1.0.3 statements. Off unless an endpoint is set; the key
/// and secret belong in user secrets or the environment (Xapi__Key, Xapi__Secret), never in a file in the repository.
/// </summary>
public sealed class XapiOptions : IValidatableObject
{
    public const string Section = "Xapi";

    /// <summary>The LRS's statements base, for example https://lrs.example.org/xapi/ (statements go to its "statements" resource). Empty: off.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The LRS's Basic authentication key (user name).</summary>
    public string Key { get; set; } = "";

    /// <summary>The LRS's Basic authentication secret (password).</summary>
    public string Secret { get; set; } = "";

    /// <summary>The IRI of the institute's activities (courses, lessons, quizzes); defaults to Institute:PublicBaseUrl.</summary>
    public string ActivityBase { get; set; } = "";

    public bool IsEnabled() => Endpoint.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsEnabled()) yield break;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult($"'{Endpoint}' is not an http or https address.", [nameof(Endpoint)]);
        }
        if (Key.Length == 0 || Secret.Length == 0)
        {
            yield return new ValidationResult("a key and a secret are required when Xapi:Endpoint is set.", [nameof(Key)]);
        }
        if (ActivityBase.Length > 0 && !Uri.TryCreate(ActivityBase, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"'{ActivityBase}' is not an absolute address.", [nameof(ActivityBase)]);
        }
    }
}
