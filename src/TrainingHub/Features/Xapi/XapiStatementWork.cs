using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using TrainingHub.Features.Outbox;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Xapi;

/// <summary>
/// Sends one statement to the LRS with PUT statements?statementId=…, which xAPI 1.0.3 makes idempotent for the same
/// id: a retry after a lost answer, or a second worker, leaves one statement. A failure throws, so the outbox retries
/// the row with its backoff and, after its last attempt, gives it up for an admin to see.
/// </summary>
public sealed class XapiStatementWork(XapiClient client, IOptions<XapiOptions> options) : IOutboxHandler<XapiStatementDue>
{
    public async Task HandleAsync(XapiStatementDue message, OutboxDelivery delivery, CancellationToken ct)
    {
        var xapi = options.Value;
        if (!xapi.IsEnabled()) return;   // turned off after the row was queued: nothing to send to
        var endpoint = xapi.Endpoint.EndsWith('/') ? xapi.Endpoint : xapi.Endpoint + "/";
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(new Uri(endpoint), $"statements?statementId={message.StatementId}"))
        {
            Content = new StringContent(message.Statement, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Experience-API-Version", XapiStatements.Version);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{xapi.Key}:{xapi.Secret}")));
        using var response = await client.Http.SendAsync(request, ct);
        // 409: the LRS already holds a different statement with this id; it will never take this one, so retrying is pointless.
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new HttpRequestException($"The LRS answered {(int)response.StatusCode} for statement {message.StatementId}: {body[..Math.Min(body.Length, 300)]}",
            null, response.StatusCode == HttpStatusCode.Conflict ? HttpStatusCode.Conflict : response.StatusCode);
    }
}

/// <summary>One HTTP client for the LRS for the process, with connections renewed so a changed DNS entry is followed.</summary>
public sealed class XapiClient : IDisposable
{
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => Http.Dispose();
}
