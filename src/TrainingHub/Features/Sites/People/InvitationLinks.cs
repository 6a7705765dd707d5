using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// Makes the single-use, expiring links that let an invited person choose their password, and writes the emails that
/// carry them. The token exists only in the email: the database keeps its SHA-256 hash.
/// </summary>
public sealed partial class InvitationLinks(TrainingHubDb db, TimeProvider clock, IOptions<InvitationOptions> options,
    IOptions<InstituteOptions> institute, IMailSender mail, ILogger<InvitationLinks> logger)
{
    public const string JoinPath = "/account/join/";

    public int LinkDays => options.Value.LinkDays;

    public string BaseUrl => institute.Value.PublicBaseUrl.TrimEnd('/');

    public string InstituteName => institute.Value.Name;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Adds a new link for the person at the site to the unit of work, and ends the earlier links they were sent there
    /// (only the newest link works). Returns the invitation and the address to email.
    /// </summary>
    public async Task<(Invitation Invitation, string Link)> CreateAsync(Guid siteId, string personId, string role, Guid? cohortId, string? invitedById, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var earlier = await db.Invitations.Where(i => i.SiteId == siteId && i.PersonId == personId && i.AcceptedAt == null && i.ReplacedAt == null).ToListAsync(ct);
        foreach (var e in earlier) e.ReplacedAt = now;
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            SiteId = siteId,
            PersonId = personId,
            Role = role,
            CohortId = cohortId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.LinkDays),
            InvitedById = invitedById,
        };
        db.Invitations.Add(invitation);
        return (invitation, BaseUrl + JoinPath + token);
    }

    public MailMessage CoordinatorEmail(Person person, string siteName, string link, DateTime expiresAt)
    {
        var words = Words.For(person.PreferredLanguage);
        return new(person.Email!, person.FullName,
            words["{0} is invited to run the peer recovery coach training", siteName],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["{0} has invited {1} to run the peer recovery coach training with TrainingHub, and named you as the site's coordinator.", InstituteName, siteName],
                words["Open this link to choose your password and start setting up your site:"],
                link,
                words["The link works once, until {0} ({1} days). If it has expired, ask {2} for a new one.", Until(expiresAt, words), LinkDays, InstituteName],
                words["What happens next: you fill in your site's details and a short readiness checklist. {0} then reviews them and opens your site, so you can start your first group of trainees.", InstituteName]));
    }

    public MailMessage PersonEmail(Person person, string siteName, string role, string? cohortName, string link, DateTime expiresAt)
    {
        var words = Words.For(person.PreferredLanguage);
        return new(person.Email!, person.FullName,
            words["You are invited to TrainingHub by {0}", siteName],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["{0} has invited you to TrainingHub as {1}.", siteName, RoleInWords(role, cohortName, words)] + " "
                + words["TrainingHub is where you take the peer recovery coach training and keep a record of your hours."],
                words["Open this link to choose your password:"],
                link,
                words["The link works once, until {0} ({1} days). If it has expired, ask your site coordinator at {2} for a new one.", Until(expiresAt, words), LinkDays, siteName]));
    }

    /// <summary>
    /// For someone who already has an account, invited by a site: nothing changes until they accept, so the email says
    /// plainly which site asks and what accepting lets its staff see.
    /// </summary>
    public MailMessage ExistingAccountEmail(Person person, string siteName, string role, string? cohortName, string link, DateTime expiresAt)
    {
        var words = Words.For(person.PreferredLanguage);
        return new(person.Email!, person.FullName,
            words["{0} invites you to join them on TrainingHub", siteName],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["{0} invites you to join them on TrainingHub as {1}.", siteName, RoleInWords(role, cohortName, words)] + " "
                + words["You already have a TrainingHub account. Nothing changes unless you accept: until then, the staff of {0} cannot see your hours, sign-offs or credential progress.", siteName],
                words["To accept, open this link and sign in with the email address and password you already use:"],
                link,
                words["The link works once, until {0} ({1} days). If you did not expect this invitation, you can ignore this email.", Until(expiresAt, words), LinkDays]));
    }

    /// <summary>For a site coordinator the institute adds: no link, they sign in as usual.</summary>
    public MailMessage AddedEmail(Person person, string siteName, string role, string? cohortName)
    {
        var words = Words.For(person.PreferredLanguage);
        return new(person.Email!, person.FullName,
            words["{0} added you on TrainingHub", siteName],
            string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["{0} added you on TrainingHub as {1}.", siteName, RoleInWords(role, cohortName, words)] + " "
                + words["Sign in with the email address and password you already use:"],
                $"{BaseUrl}/account/sign-in",
                words["If you have forgotten your password, choose \"I forgot my password\" on that page."]));
    }

    /// <summary>
    /// Sends the emails after the change they describe is saved. A failure does not undo the change: it is logged and
    /// the people can be sent a new link from the site's people page. Returns how many could not be sent.
    /// </summary>
    public async Task<int> SendAsync(IEnumerable<MailMessage> messages, CancellationToken ct)
    {
        var failed = 0;
        foreach (var message in messages)
        {
            try
            {
                await mail.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                NotSent(logger, e, message.Subject);
            }
        }
        return failed;
    }

    public static string RoleInWords(string role) => RoleInWords(role, Words.English);

    public static string RoleInWords(string role, Words words) => role switch
    {
        Roles.Trainee => words["a trainee"],
        Roles.Supervisor => words["a supervisor"],
        Roles.Facilitator => words["a facilitator"],
        Roles.SiteCoordinator => words["a site coordinator"],
        _ => role,
    };

    private static string RoleInWords(string role, string? cohortName, Words words) =>
        cohortName is null ? RoleInWords(role, words) : words["{0} in the group \"{1}\"", RoleInWords(role, words), cohortName];

    public static string RoleName(string role) => role switch
    {
        Roles.SiteCoordinator => "Site coordinator",
        Roles.InstituteAdmin => "Institute admin",
        _ => role,
    };

    /// <summary>The last day a link works, in the institute's time zone.</summary>
    public string Until(DateTime expiresAtUtc) => Until(expiresAtUtc, Words.English);

    public string Until(DateTime expiresAtUtc, Words words) =>
        words.Date(TimeZoneInfo.ConvertTimeFromUtc(expiresAtUtc, TimeZoneInfo.FindSystemTimeZoneById(institute.Value.TimeZone)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Error, Message = "An invitation email could not be sent ({Subject}); the person can be sent a new link")]
    private static partial void NotSent(ILogger logger, Exception exception, string subject);
}
