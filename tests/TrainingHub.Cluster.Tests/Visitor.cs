using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrainingHub.Content;
using TrainingHub.Testing;

namespace TrainingHub.Cluster.Tests;

/// <summary>
/// One person's browser, as plain HTTP: a cookie jar shared by every address on 127.0.0.1 (cookies ignore the port), so
/// the same session can go through nginx or straight to either node. Forms are read for their antiforgery token.
/// </summary>
public sealed partial class Visitor(TwoNodeCluster cluster) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>The nodes that answered this visitor's requests through nginx, in order.</summary>
    public List<string> Served { get; } = [];

    public sealed record Answer(HttpStatusCode Status, string Body, byte[] Bytes, string Node, Uri? Location);

    public Task<Answer> GetAsync(string path, TwoNodeCluster.SiteNode? direct = null) => SendAsync(new HttpRequestMessage(HttpMethod.Get, At(path, direct)), direct);

    public async Task<Answer> PageAsync(string path, TwoNodeCluster.SiteNode? direct = null)
    {
        var answer = await GetAsync(path, direct);
        return answer.Status == HttpStatusCode.OK
            ? answer
            : throw new InvalidOperationException($"GET {path} on {answer.Node} answered {(int)answer.Status} {answer.Location}");
    }

    public async Task SignInAsync(string email, string password, TwoNodeCluster.SiteNode? formFrom = null)
    {
        var form = await PageAsync("/account/sign-in", formFrom);
        var answer = await PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = Token(form.Body),
        });
        if (answer.Status != HttpStatusCode.Redirect || answer.Location?.OriginalString != "/home")
        {
            throw new InvalidOperationException($"Signing in as {email} (form from {form.Node}, posted to {answer.Node}) answered {(int)answer.Status} {answer.Location}");
        }
    }

    public Task<Answer> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, At(path, null)) { Content = new FormUrlEncodedContent(fields) }, null);

    public Task<Answer> PostAsync(string path, HttpContent content, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, At(path, null)) { Content = content };
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);
        return SendAsync(request, null);
    }

    public sealed record Beat(Guid Id, string Node, string Outcome, int CreditedSeconds);

    /// <summary>A heartbeat as the lesson page's script sends it: JSON, with the page's antiforgery token in a header.</summary>
    public async Task<Beat> HeartbeatAsync(string lessonPath, string token, Guid beatId, bool starting)
    {
        var body = JsonContent.Create(new { beatId, clientSentAt = DateTime.UtcNow, starting, reachedEnd = false });
        var answer = await PostAsync(lessonPath + "?handler=Heartbeat", body, token);
        if (answer.Status != HttpStatusCode.OK) throw new InvalidOperationException($"Heartbeat {beatId} on {answer.Node} answered {(int)answer.Status}: {answer.Body}");
        using var json = JsonDocument.Parse(answer.Body);
        return new Beat(beatId, answer.Node, json.RootElement.GetProperty("outcome").GetString()!, json.RootElement.GetProperty("creditedSeconds").GetInt32());
    }

    /// <param name="Fields">The filled-in form; a name repeats for "choose all that apply".</param>
    public sealed record OpenQuiz(string Path, IReadOnlyList<KeyValuePair<string, string>> Fields);

    /// <summary>Opens the module's quiz and fills in the right answers from the course files (the page never shows the key).</summary>
    public async Task<OpenQuiz> OpenQuizWithRightAnswersAsync(Course course, Module module)
    {
        var path = $"/courses/{course.Id}/modules/{module.Id}/quiz";
        var page = await PageAsync(path);
        var attemptId = AttemptField().Match(page.Body).Groups[1].Value;
        if (attemptId.Length == 0) throw new InvalidOperationException($"{path} on {page.Node} opened no attempt.");
        var form = new List<KeyValuePair<string, string>> { new("attemptId", attemptId), new("__RequestVerificationToken", Token(page.Body)) };
        foreach (var question in AnswerFields().Matches(page.Body).Select(m => m.Groups[1].Value).Distinct())
        {
            var q = module.Quiz!.Questions.Single(x => x.Id == question);
            form.AddRange(QuizPapers.RightValuesOnPage(page.Body, q).Select(v => new KeyValuePair<string, string>($"answers[{question}]", v)));
        }
        return new OpenQuiz(path, form);
    }

    public Task<Answer> SubmitAsync(OpenQuiz quiz) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, At(quiz.Path, null)) { Content = new FormUrlEncodedContent(quiz.Fields) }, null);

    public static string Token(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery field.");
    }

    private Uri At(string path, TwoNodeCluster.SiteNode? direct) => new(direct?.Address ?? cluster.Address, path);

    private async Task<Answer> SendAsync(HttpRequestMessage request, TwoNodeCluster.SiteNode? direct)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var node = direct?.Name ?? cluster.NodeOf(response).Name;
            if (direct is null)
            {
                lock (Served) Served.Add(node);
            }
            return new Answer(response.StatusCode, System.Text.Encoding.UTF8.GetString(bytes), bytes, node, response.Headers.Location);
        }
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"attemptId\" value=\"([^\"]+)\"")]
    private static partial Regex AttemptField();

    [GeneratedRegex("name=\"answers\\[([^\\]]+)\\]\"")]
    private static partial Regex AnswerFields();
}
