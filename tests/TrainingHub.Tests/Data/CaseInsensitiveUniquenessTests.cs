using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Domain;
using TrainingHub.Features.Sites.Onboarding;

namespace TrainingHub.Tests.Data;

/// <summary>Runs on whichever database the suite runs on: tools/test.sh runs it on SQLite and on PostgreSQL.</summary>
public sealed class CaseInsensitiveUniquenessTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Harbor_Light_and_harbor_light_cannot_both_exist()
    {
        var admin = await _host.IdOf(DemoAccounts.Admin);
        await _host.Send(new InviteSite.Command(admin, "Harbor Light", "NY", "Dana Fox", "dana.fox@example.org"));

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _host.Send(new InviteSite.Command(admin, "harbor light", "NY", "Ana Diaz", "ana.diaz@example.org")));
        Assert.StartsWith("A site with this name already exists.", Assert.Single(refused.Errors).ErrorMessage, StringComparison.Ordinal);

        // A writer that skips the check (or races it) is stopped by the unique index.
        var institute = await _host.Db(db => db.Institutes.Select(i => i.Id).FirstAsync());
        await Assert.ThrowsAsync<DbUpdateException>(() => _host.Db(db =>
        {
            db.Sites.Add(new Site { Id = Guid.NewGuid(), InstituteId = institute, Name = "harbor light", State = "NY", Status = SiteStatus.Invited, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        }));

        Assert.Equal(["Harbor Light"], await _host.Db(db => db.Sites.Where(s => s.NormalizedName == "HARBOR LIGHT").Select(s => s.Name).ToListAsync()));
    }

    [Fact]
    public async Task Two_people_cannot_share_an_email_address_that_differs_only_in_case()
    {
        await using (var scope = _host.Scope())
        {
            var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            Assert.True((await people.CreateAsync(new Person { UserName = "Ana.Diaz@example.org", Email = "Ana.Diaz@example.org", FullName = "Ana Diaz" })).Succeeded);
            var second = await people.CreateAsync(new Person { UserName = "ana.diaz.2@example.org", Email = "ana.diaz@EXAMPLE.org", FullName = "Ana Diaz" });
            Assert.Contains(second.Errors, e => e.Code == "DuplicateEmail");
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => _host.Db(db =>
        {
            db.Users.Add(new Person
            {
                UserName = "ana.diaz.3@example.org", NormalizedUserName = "ANA.DIAZ.3@EXAMPLE.ORG",
                Email = "ana.diaz@example.org", NormalizedEmail = "ANA.DIAZ@EXAMPLE.ORG", FullName = "Ana Diaz", CreatedAt = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        }));

        Assert.Equal(1, await _host.Db(db => db.Users.CountAsync(u => u.NormalizedEmail == "ANA.DIAZ@EXAMPLE.ORG")));
    }
}
