using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Accounts;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Sites.People;
using TrainingHub.Tests.Features.LearningRecord;
using TrainingHub.Tests.Features.Sites;

namespace TrainingHub.Tests.Localization;

/// <summary>What the site sends is written in the recipient's language, read from the pickup folder the mail goes to.</summary>
public sealed partial class RecipientLanguageTests : IAsyncLifetime
{
    private LearningRecordHost _host = null!;
    private string _coordinator = "";

    public async Task InitializeAsync()
    {
        _host = await LearningRecordHost.StartAsync();
        _coordinator = await _host.IdOf(DemoAccounts.Coordinator);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Someone_invited_in_Spanish_gets_the_invitation_in_Spanish_and_keeps_the_language_and_someone_invited_in_English_gets_English()
    {
        await _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, null, "Rosa Delgado", "rosa.delgado@example.org", Roles.Supervisor, SiteLanguages.Spanish));
        await _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, null, "Pat Moore", "pat.moore@example.org", Roles.Supervisor, SiteLanguages.English));

        var spanish = Mailbox.To(_host.Folder, "rosa.delgado@example.org").Single();
        Assert.EndsWith(" le invita a TrainingHub", spanish.Subject, StringComparison.Ordinal);
        Assert.Contains("Hola, Rosa Delgado:", spanish.Body, StringComparison.Ordinal);
        Assert.Contains("le invitó a TrainingHub como supervisor o supervisora.", spanish.Body, StringComparison.Ordinal);
        Assert.Contains("Abra este enlace para elegir su contraseña:", spanish.Body, StringComparison.Ordinal);
        Assert.Matches(@"hasta el \d{1,2} de [a-z]+ de \d{4}", spanish.Body);
        Assert.Equal("es", await _host.Db(db => db.Users.Where(u => u.Email == "rosa.delgado@example.org").Select(u => u.PreferredLanguage).SingleAsync()));

        var english = Mailbox.To(_host.Folder, "pat.moore@example.org").Single();
        Assert.StartsWith("You are invited to TrainingHub by ", english.Subject, StringComparison.Ordinal);
        Assert.Contains("Open this link to choose your password:", english.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_in_a_language_the_site_is_not_written_in_is_refused_with_a_clear_message_and_writes_nothing()
    {
        var people = await _host.Db(db => db.Users.CountAsync());
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _host.Send(new InvitePerson.Command(_coordinator, DemoData.SiteA, null, "Rosa Delgado", "rosa.delgado@example.org", Roles.Supervisor, "fr")));
        Assert.Equal("Choose English or Español for the invitation.", Assert.Single(refused.Errors).ErrorMessage);
        Assert.Equal(people, await _host.Db(db => db.Users.CountAsync()));
        Assert.Empty(Mailbox.To(_host.Folder, "rosa.delgado@example.org"));
    }

    [Fact]
    public async Task A_Spanish_speaking_persons_password_reset_email_is_in_Spanish_and_an_English_speaking_persons_in_English()
    {
        await _host.Db(async db =>
        {
            var trainee = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Trainee);
            trainee.PreferredLanguage = SiteLanguages.Spanish;
            return await db.SaveChangesAsync();
        });
        await _host.Send(new RequestPasswordReset.Command(DemoAccounts.Trainee, "https://training.example.org/account/reset-password"));
        await _host.Send(new RequestPasswordReset.Command(DemoAccounts.Supervisor, "https://training.example.org/account/reset-password"));
        await using (var scope = _host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
        }

        var spanish = Mailbox.To(_host.Folder, DemoAccounts.Trainee).Single(m => ResetLink().IsMatch(m.Body));
        Assert.Equal("Elija una nueva contraseña de TrainingHub", spanish.Subject);
        Assert.Contains("Si fue usted, abra este enlace en las próximas", spanish.Body, StringComparison.Ordinal);
        var english = Mailbox.To(_host.Folder, DemoAccounts.Supervisor).Single(m => ResetLink().IsMatch(m.Body));
        Assert.Equal("Choose a new TrainingHub password", english.Subject);
        Assert.Contains("If it was you, open this link within", english.Body, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https://training\.example\.org/account/reset-password\?email=")]
    private static partial Regex ResetLink();
}
