using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class OutboxPagesTests(SiteFactory site)
{
    private async Task<OutboxMessage> GivenUpAsync()
    {
        var row = new OutboxMessage
        {
            Id = Guid.NewGuid(), Kind = OutboxKind.CertificateEmail, Key = $"certificate-email/{Guid.NewGuid()}", Payload = "{}",
            CreatedAt = DateTime.UtcNow.AddHours(-3), Attempts = 10, LastError = "The mail server refused the message.", GaveUpAt = DateTime.UtcNow,
        };
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    private async Task<T> Db<T>(Func<TrainingHubDb, Task<T>> read)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TrainingHubDb>());
    }

    [Fact]
    public async Task An_institute_admin_sees_given_up_work_and_tries_it_again()
    {
        var row = await GivenUpAsync();
        var admin = await site.SignedIn(DemoAccounts.Admin);

        var page = await (await admin.GetAsync("/admin/outbox")).Content.ReadAsStringAsync();
        Assert.Contains(row.Key, page, StringComparison.Ordinal);
        Assert.Contains("The mail server refused the message.", page, StringComparison.Ordinal);
        Assert.Contains("E-mail with a certificate", page, StringComparison.Ordinal);
        Assert.Contains("/admin/outbox", await (await admin.GetAsync("/institute")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var retried = await SiteFactory.PostForm(admin, "/admin/outbox", new() { ["MessageId"] = row.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var after = await Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id));
        Assert.Null(after.GaveUpAt);
        Assert.Equal(0, after.Attempts);
        Assert.Null(after.ProcessedAt);
        Assert.True(await Db(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.OutboxRetried && a.Subject == $"outbox/{row.Id}")));
        Assert.DoesNotContain(row.Key, await (await admin.GetAsync("/admin/outbox")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_is_not_an_institute_admin_is_refused()
    {
        var coordinator = await site.SignedIn(DemoAccounts.Coordinator);
        var response = await coordinator.GetAsync("/admin/outbox");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task Trying_again_work_that_does_not_exist_is_not_found()
    {
        var row = await GivenUpAsync();
        var admin = await site.SignedIn(DemoAccounts.Admin);

        var response = await SiteFactory.PostForm(admin, "/admin/outbox", new() { ["MessageId"] = Guid.NewGuid().ToString() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await Db(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == row.Id))).GaveUpAt);
    }
}
