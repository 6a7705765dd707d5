using System.Text.RegularExpressions;
using MimeKit;

namespace TrainingHub.Tests.Features.Sites;

/// <summary>The emails the pickup folder holds, as the people they were sent to would read them.</summary>
public static partial class Mailbox
{
    public sealed record Mail(string To, string Subject, string Body, DateTime Written);

    public static IReadOnlyList<Mail> All(string dataFolder)
    {
        var folder = Path.Combine(dataFolder, "mail");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.eml").Select(f =>
        {
            var m = MimeMessage.Load(f);
            return new Mail(m.To.Mailboxes.Single().Address, m.Subject ?? "", m.TextBody ?? "", File.GetLastWriteTimeUtc(f));
        }).OrderBy(m => m.Written).ToList();
    }

    public static IReadOnlyList<Mail> To(string dataFolder, string email) =>
        All(dataFolder).Where(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The token of the newest invitation link sent to the address.</summary>
    public static string LatestToken(string dataFolder, string email)
    {
        var mail = To(dataFolder, email).LastOrDefault(m => JoinLink().IsMatch(m.Body))
            ?? throw new InvalidOperationException($"No invitation link was emailed to {email}.");
        return JoinLink().Matches(mail.Body)[^1].Groups[1].Value;
    }

    [GeneratedRegex(@"/account/join/([A-Za-z0-9_-]+)")]
    public static partial Regex JoinLink();
}
