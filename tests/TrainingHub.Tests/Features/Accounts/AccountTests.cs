using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;

namespace TrainingHub.Tests.Features.Accounts;

public sealed class AccountTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(demoData: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> CreateAdmin(string email, string name, string password)
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateAdmin.Command(email, name, password));
    }

    [Fact]
    public async Task Create_admin_makes_an_institute_admin_who_can_sign_in_and_audits_it()
    {
        var id = await CreateAdmin("ana@example.org", "Ana Diaz", "three quiet harbour lights");
        await using var scope = _host.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var ana = await users.FindByIdAsync(id);
        Assert.NotNull(ana);
        Assert.True(await users.IsInRoleAsync(ana, Roles.InstituteAdmin));
        Assert.True(await users.CheckPasswordAsync(ana, "three quiet harbour lights"));
        Assert.True(await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().AuditEvents.AnyAsync(a => a.Action == AuditActions.AdminCreated && a.Subject == $"person/{id}"));
    }

    [Theory]
    [InlineData("not-an-email", "Ana Diaz", "three quiet harbour lights", "Email", "Enter an email address like name@example.org.")]
    [InlineData("ana@example.org", "", "three quiet harbour lights", "FullName", "Enter the person's full name.")]
    [InlineData("ana@example.org", "Ana Diaz", "short", "Password", "Passwords must be at least 12 characters.")]
    [InlineData("ana@example.org", "Ana Diaz", "password1234", "Password", "This password is too well known. Choose a phrase of a few words that only you would think of.")]
    [InlineData("ana@example.org", "Ana Diaz", "ana@example.org-2026", "Password", "The password must not contain your name or email address.")]
    public async Task Create_admin_refuses_bad_input_and_writes_nothing(string email, string name, string password, string field, string message)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => CreateAdmin(email, name, password));
        Assert.Contains(e.Errors, f => f.PropertyName == field && f.ErrorMessage == message);
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDb>();
        Assert.False(await db.Users.AnyAsync());
        Assert.False(await db.AuditEvents.AnyAsync());
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_refused()
    {
        await CreateAdmin("ana@example.org", "Ana Diaz", "three quiet harbour lights");
        var e = await Assert.ThrowsAsync<ValidationException>(() => CreateAdmin("ANA@example.org", "Ana Two", "four other harbour lights"));
        Assert.Equal("An account with this email address already exists.", Assert.Single(e.Errors).ErrorMessage);
    }
}
