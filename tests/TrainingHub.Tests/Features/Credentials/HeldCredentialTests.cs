using TrainingHub.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using FluentValidation;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Credentials.Held;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.LearningRecord;
using TrainingHub.Tests.Features.Sites;
using static TrainingHub.Tests.Features.Credentials.CredentialsSetup;

namespace TrainingHub.Tests.Features.Credentials;

/// <summary>Credentials held, their renewal reminders, and eligibility notices both ways, through the mediator on a real database.</summary>
public sealed class HeldCredentialTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(LearningRecordHost.Start.UtcDateTime);

    private static RecordHeldCredential.Command Record(string personId, string? credential = "icrc-pr", DateOnly? awarded = null, DateOnly? expires = null, byte[]? file = null) =>
        new(personId, credential, "PR-20411", awarded ?? Today.AddYears(-1), expires, "letter.pdf", file ?? Pdf, (file ?? Pdf).Length);

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "future award date", "The award date cannot be in the future" },
        { "expiry before award", "The expiry date must be after the award date" },
        { "unknown board or credential", "TrainingHub does not know that board or credential" },
        { "wrong file type", "This file is not a PDF or a picture" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Recording_a_held_credential_refuses_bad_input_in_words_and_writes_nothing(string name, string message)
    {
        await using var host = await LearningRecordHost.StartAsync();
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        var command = name switch
        {
            "future award date" => Record(lena, awarded: Today.AddDays(1)),
            "expiry before award" => Record(lena, awarded: Today.AddYears(-1), expires: Today.AddYears(-2)),
            "unknown board or credential" => Record(lena, credential: "ohio-cpra"),
            _ => Record(lena, file: "PK\u0003\u0004 a Word file"u8.ToArray()),
        };
        var error = await Assert.ThrowsAsync<ValidationException>(() => host.Send(command));
        Assert.Contains(error.Errors, e => e.ErrorMessage.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(0, await host.Db(db => db.HeldCredentials.CountAsync(h => h.PersonId == lena)));
        // The demo coach's letter is the only stored file.
        Assert.Equal(1, await host.Db(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task A_held_credential_counts_only_once_an_institute_admin_verifies_it_and_then_shows_its_renewal_and_next_step()
    {
        await using var host = await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["Credentials:ContinuingEducation:ct-ccb:0"] = "ethics" });
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        var admin = await host.IdOf(DemoAccounts.Admin);
        var id = await host.Send(Record(lena, "ct-ccb-cprs", awarded: Today.AddYears(-1).AddDays(-20)));

        var before = await host.Send(new CredentialLife.Query(lena, lena));
        Assert.Null(Assert.Single(before.Held).Renewal);
        Assert.Null(before.Next);

        await Assert.ThrowsAsync<ForbiddenException>(() => host.Send(new VerifyHeldCredential.Command(lena, id, OutsideCertificateDecision.Verified, null)));
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => host.Send(new VerifyHeldCredential.Command(admin, id, OutsideCertificateDecision.Refused, " ")));
        Assert.Contains(refusal.Errors, e => e.ErrorMessage == "Say why, so the person knows what to do.");
        await host.Send(new VerifyHeldCredential.Command(admin, id, OutsideCertificateDecision.Verified, null));

        // Ethics taken before the award does not count; after it, the ethics course (marked as CE for the board) does.
        await CreditCourseAsync(host, lena, "ethics", Today.AddDays(-5));
        await SignOffPendingHoursAsync(host, lena, DemoAccounts.SupervisorB, "Priya Shah");
        var after = await host.Send(new CredentialLife.Query(lena, lena));
        var renewal = Assert.Single(after.Held).Renewal;
        Assert.NotNull(renewal);
        Assert.Equal(Today.AddYears(-1).AddDays(-20), renewal.CycleStart);
        Assert.Equal("Ethics continuing education", renewal.Lines[1].Title);
        Assert.True(renewal.Lines[1].Met);
        Assert.Equal(15, renewal.Lines[0].Counted);
        Assert.NotNull(after.Next);
        Assert.Equal("ct-ccb-cac", after.Next.Next.Id);
        Assert.True(after.Next.Holds);
        Assert.Contains(after.Next.Gaps, g => g.Group == Ladder.Exam);

        // Staff of another site cannot see it; the trainee's own site's supervisor can.
        var otherSupervisor = await host.IdOf(DemoAccounts.Supervisor);
        await Assert.ThrowsAsync<ForbiddenException>(() => host.Send(new CredentialLife.Query(otherSupervisor, lena)));
        var ownSupervisor = await host.IdOf(DemoAccounts.SupervisorB);
        Assert.Single((await host.Send(new CredentialLife.Query(ownSupervisor, lena))).Held);

        var packet = await host.Send(new BuildRenewalPacket.Command(lena, id));
        Assert.Equal("Credential renewal packet", packet.Heading);
        Assert.Contains(packet.OtherRecords, r => r.Title == "Credential held" && r.Detail.Contains("PR-20411", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_workers_racing_queue_each_renewal_reminder_once_and_it_is_emailed_once()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        var admin = await host.IdOf(DemoAccounts.Admin);
        var id = await host.Send(Record(lena, "icrc-pr", awarded: Today.AddYears(-2).AddDays(60), expires: Today.AddDays(60)));
        await host.Send(new VerifyHeldCredential.Command(admin, id, OutsideCertificateDecision.Verified, null));

        // The demo coach's credential is due too: each reminder is queued once however the two workers interleave.
        var counts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => host.Send(new QueueRenewalReminders.Command()))));
        Assert.Equal(await host.Db(db => db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.RenewalReminder)), counts.Sum());
        Assert.Equal(0, await host.Send(new QueueRenewalReminders.Command()));
        var row = await host.Db(db => db.OutboxMessages.SingleAsync(m => m.Kind == OutboxKind.RenewalReminder && m.Key.Contains(id.ToString())));
        Assert.Equal($"renewal-reminder/{id}/{Today.AddDays(60):yyyy-MM-dd}/90", row.Key);

        await host.Send(new DispatchOutbox.Command());
        var mail = Assert.Single(Mailbox.To(host.Folder, DemoAccounts.TraineeB));
        Assert.StartsWith("Your IC&RC Peer Recovery (PR) expires on", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Ethics continuing education: 0 of 6 hours", mail.Body, StringComparison.Ordinal);

        // Thirty days later the 30-day reminder, once.
        host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.True(await host.Send(new QueueRenewalReminders.Command()) >= 1);
        Assert.Equal(0, await host.Send(new QueueRenewalReminders.Command()));
        Assert.True(await host.Db(db => db.OutboxMessages.AnyAsync(m => m.Key == $"renewal-reminder/{id}/{Today.AddDays(60):yyyy-MM-dd}/30")));

        // Lena now reads Spanish: the 30-day reminder's progress lines are in Spanish too, not only its frame.
        await host.Db(db => db.Users.Where(u => u.Id == lena).ExecuteUpdateAsync(u => u.SetProperty(p => p.PreferredLanguage, SiteLanguages.Spanish)));
        await host.Send(new DispatchOutbox.Command());
        var spanish = Mailbox.To(host.Folder, DemoAccounts.TraineeB).Single(m => m.Subject != mail.Subject);
        Assert.Contains("Educación continua en Ethics: 0 de 6 horas, faltan 6 horas", spanish.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("continuing education", spanish.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Losing_and_regaining_eligibility_is_told_once_each_way_with_the_reason()
    {
        using var content = new RulesFolder("""
            id: quick-peer
            board: quick
            boardName: Quick Board
            name: Quick Peer Credential
            summary: Four hours of training and the exam.
            source: https://quick.example.org/peer
            checked: 2026-11-23
            requirements:
              - kind: training-hours
                hours: 4
                source: https://quick.example.org/peer
                checked: 2026-11-23
              - kind: exam
                exam: quick-exam
                name: Quick exam
                source: https://quick.example.org/peer
                checked: 2026-11-23
            """);
        await using var host = await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["Content:Path"] = content.Root });
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        var admin = await host.IdOf(DemoAccounts.Admin);
        await host.Send(new ChooseCredentials.Command(lena, ["quick-peer"]));
        await CreditCourseAsync(host, lena, "mat", Today.AddDays(-1));
        var pass = await host.Send(new RecordExamPass.Command(admin, DemoAccounts.TraineeB, "quick-exam", Today.AddDays(-1)));
        Assert.Equal(1, await host.Send(new EvaluateEligibility.Command()));

        await host.Send(new WithdrawExamPass.Command(admin, pass, "Recorded for the wrong person."));
        var racing = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => host.Send(new EvaluateEligibility.Command()))));
        Assert.Equal(1, racing.Sum());
        Assert.Equal(0, await host.Send(new EvaluateEligibility.Command()));
        var lost = await host.Db(db => db.OutboxMessages.SingleAsync(m => m.Kind == OutboxKind.EligibilityChangeNotice));
        Assert.Equal($"eligible/{lena}/quick-peer/1", lost.Key);

        await host.Send(new DispatchOutbox.Command());
        var toLena = Mailbox.To(host.Folder, DemoAccounts.TraineeB).Single(m => m.Subject.StartsWith("You no longer", StringComparison.Ordinal));
        Assert.Contains("Pass the Quick exam", toLena.Body, StringComparison.Ordinal);
        Assert.Single(Mailbox.To(host.Folder, DemoAccounts.SupervisorB), m => m.Subject == "Lena Brooks no longer meets the requirements for the Quick Peer Credential");

        await host.Send(new RecordExamPass.Command(admin, DemoAccounts.TraineeB, "quick-exam", Today));
        Assert.Equal(1, await host.Send(new EvaluateEligibility.Command()));
        Assert.Equal(0, await host.Send(new EvaluateEligibility.Command()));
        Assert.True(await host.Db(db => db.OutboxMessages.AnyAsync(m => m.Key == $"eligible/{lena}/quick-peer/2")));
        await host.Send(new DispatchOutbox.Command());
        Assert.Single(Mailbox.To(host.Folder, DemoAccounts.TraineeB), m => m.Subject == "You meet the requirements for the Quick Peer Credential again");
        Assert.Equal(1, await host.AuditCount(AuditActions.EligibilityLost));
    }

    private sealed class RulesFolder : IDisposable
    {
        public string Root { get; } = Path.Combine(Directory.CreateTempSubdirectory("traininghub-rules-").FullName, "content");

        public RulesFolder(string rules)
        {
            Directory.CreateDirectory(Path.Combine(Root, "credentials"));
            File.WriteAllText(Path.Combine(Root, "credentials", "quick-peer.yml"), rules);
        }

        public void Dispose() => Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
    }
}
