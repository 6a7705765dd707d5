using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TrainingHub.Content;
using TrainingHub.Domain;

namespace TrainingHub.Features.Xapi;

/// <summary>
/// The ledger's events as xAPI 1.0.3 statements (docs/xapi.md, ADR 0021). Each statement's id is derived from the event
/// it reports (a name-based UUID over the event's own unique key), so a retry, a second worker or a second server that
/// builds it again builds the same statement, and an LRS keeps one.
/// </summary>
public static class XapiStatements
{
    public const string Version = "1.0.3";

    public const string Attended = "http://adlnet.gov/expapi/verbs/attended";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    public const string Earned = "http://id.tincanapi.com/verb/earned";

    private const string LessonType = "http://adlnet.gov/expapi/activities/lesson";
    private const string CourseType = "http://adlnet.gov/expapi/activities/course";
    private const string AssessmentType = "http://adlnet.gov/expapi/activities/assessment";
    private const string CertificateType = "https://w3id.org/xapi/tla/activity-types/credential";

    /// <summary>Where the activity and extension ids start, with no trailing slash.</summary>
    public sealed record Context(string ActivityBase, CourseCatalog Catalog);

    /// <summary>A name-based UUID (RFC 9562 version 5 layout, SHA-256 truncated) of an event's unique key.</summary>
    public static Guid IdOf(string eventKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("traininghub-xapi/" + eventKey));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// A lesson's credit (all its domain parts written in one save): "attended" for a live session's attendance,
    /// "completed" for a self-paced lesson. The hours and each domain's part are extensions of the result.
    /// </summary>
    public static JsonObject LessonCredit(Context c, IReadOnlyList<HoursEntry> parts)
    {
        var first = parts.OrderBy(p => p.IdempotencyKey, StringComparer.Ordinal).First();
        var lesson = first.LessonId is null ? null : c.Catalog.FindLesson(first.CourseId, first.LessonId);
        var attended = first.Source == HoursSource.Attendance;
        var hours = parts.Sum(p => p.Hours);
        var domains = new JsonObject();
        foreach (var p in parts) domains[p.Domain] = (domains[p.Domain]?.GetValue<decimal>() ?? 0) + p.Hours;
        return Statement(IdOf("hours/" + first.IdempotencyKey), first.PersonId, c,
            attended ? Attended : Completed, attended ? "attended" : "completed",
            Activity($"{c.ActivityBase}/courses/{first.CourseId}/lessons/{first.LessonId}", lesson?.Title ?? first.LessonId ?? first.CourseId, LessonType),
            new JsonObject
            {
                ["completion"] = true,
                ["duration"] = Duration(hours),
                ["extensions"] = new JsonObject
                {
                    [$"{c.ActivityBase}/xapi/extensions/hours"] = hours,
                    [$"{c.ActivityBase}/xapi/extensions/hours-by-domain"] = domains,
                    [$"{c.ActivityBase}/xapi/extensions/delivery"] = first.Delivery.ToString(),
                },
            },
            Parent(c, first.CourseId, first.CourseVersion), first.CompletedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    /// <summary>A submitted quiz attempt: "passed" or "failed", with its score.</summary>
    public static JsonObject QuizResult(Context c, QuizAttempt attempt, string courseVersion)
    {
        var module = c.Catalog.Find(attempt.CourseId)?.Modules.FirstOrDefault(m => m.Id == attempt.ModuleId);
        var passed = attempt.Passed == true;
        var score = attempt.ScorePercent ?? 0;
        return Statement(IdOf($"quiz/{attempt.Id}"), attempt.PersonId, c, passed ? Passed : Failed, passed ? "passed" : "failed",
            Activity($"{c.ActivityBase}/courses/{attempt.CourseId}/modules/{attempt.ModuleId}/quiz", module is null ? attempt.ModuleId : $"Quiz: {module.Title}", AssessmentType),
            new JsonObject
            {
                ["score"] = new JsonObject { ["scaled"] = Math.Round(score / 100m, 4), ["raw"] = score, ["min"] = 0, ["max"] = 100 },
                ["success"] = passed,
                ["completion"] = true,
                ["extensions"] = new JsonObject
                {
                    [$"{c.ActivityBase}/xapi/extensions/attempt"] = attempt.Number,
                    [$"{c.ActivityBase}/xapi/extensions/pass-mark"] = attempt.PassMark,
                },
            },
            Parent(c, attempt.CourseId, courseVersion), DateTime.SpecifyKind(attempt.SubmittedAt ?? attempt.StartedAt, DateTimeKind.Utc));
    }

    /// <summary>An issued certificate: "earned", its object the certificate, in the context of its course.</summary>
    public static JsonObject CertificateIssued(Context c, Certificate certificate) =>
        Statement(IdOf($"certificate/{certificate.Id}"), certificate.PersonId, c, Earned, "earned",
            Activity($"{c.ActivityBase}/verify/{certificate.Code}", $"Certificate: {certificate.CourseTitle}", CertificateType),
            new JsonObject
            {
                ["completion"] = true,
                ["extensions"] = new JsonObject
                {
                    [$"{c.ActivityBase}/xapi/extensions/hours"] = certificate.Hours,
                    [$"{c.ActivityBase}/xapi/extensions/completed-on"] = certificate.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            },
            Parent(c, certificate.CourseId, certificate.CourseVersion), DateTime.SpecifyKind(certificate.IssuedAt, DateTimeKind.Utc));

    private static JsonObject Statement(Guid id, string personId, Context c, string verb, string verbName, JsonObject activity, JsonObject result, JsonObject context, DateTime timestamp) => new()
    {
        ["id"] = id.ToString(),
        // The person by their account here, never their e-mail or name: the LRS learns no more than it must.
        ["actor"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = c.ActivityBase + "/", ["name"] = personId } },
        ["verb"] = new JsonObject { ["id"] = verb, ["display"] = new JsonObject { ["en-US"] = verbName } },
        ["object"] = activity,
        ["result"] = result,
        ["context"] = context,
        ["timestamp"] = timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["version"] = Version,
    };

    private static JsonObject Activity(string id, string name, string type) => new()
    {
        ["objectType"] = "Activity",
        ["id"] = id,
        ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = name }, ["type"] = type },
    };

    private static JsonObject Parent(Context c, string courseId, string courseVersion) => new()
    {
        ["platform"] = "TrainingHub",
        ["language"] = "en-US",
        ["contextActivities"] = new JsonObject
        {
            ["parent"] = new JsonArray(Activity($"{c.ActivityBase}/courses/{courseId}", c.Catalog.Find(courseId)?.Title ?? courseId, CourseType)),
        },
        ["extensions"] = new JsonObject { [$"{c.ActivityBase}/xapi/extensions/course-version"] = courseVersion },
    };

    /// <summary>Hours as an ISO 8601 duration in whole minutes (0.75 → PT45M).</summary>
    public static string Duration(decimal hours) => $"PT{Math.Round(hours * 60m, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)}M";
}
