using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FluentValidation;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates;
using TrainingHub.Features.Certificates.Verification;
using TrainingHub.Features.Credentials;
using TrainingHub.Features.Credentials.OutsideCertificates;
using TrainingHub.Features.Credentials.Packet;
using TrainingHub.Features.Credentials.Records;
using TrainingHub.Features.Credentials.Targets;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Shared;
using TrainingHub.Features.SignOffs;
using TrainingHub.PdfLayout;
using TrainingHub.Tests.Certificates;
using TrainingHub.Tests.Features.LearningRecord;
using TrainingHub.Tests.Features.Sites;
using static TrainingHub.Tests.Features.Credentials.CredentialsSetup;

namespace TrainingHub.Tests.Features.Credentials;

public sealed class CredentialHandlerTests
{
    private const string Icrc = "icrc-pr";
    // Its rule does not name the institute's code of ethics, so the person signs a statement for the credential itself.
    private const string Massachusetts = "ma-mbsacc-carc";
    private static readonly DateOnly EthicsDay = new(2027, 1, 11);

    private static RequirementProgress Requirement(MyCredentials.Result result, Func<RequirementProgress, bool> which) =>
        result.Targets.Single().Eligibility.Requirements.Single(which);

    [Fact]
    public async Task The_signed_off_ethics_course_alone_shows_the_one_hour_ethics_gap_and_pending_hours_do_not_count()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var terry = await host.IdOf(DemoAccounts.Trainee);
        await host.Send(new ChooseCredentials.Command(terry, [Icrc]));
        await CreditCourseAsync(host, terry, "ethics", EthicsDay);

        var before = await host.Send(new MyCredentials.Query(terry, terry));
        var ethics = Requirement(before, r => r.Requirement.DomainId == "ethical-responsibility");
        Assert.Equal("0 of 16 hours", ethics.Progress);
        Assert.Equal(15m, ethics.Pending);
        Assert.Equal("15 hours waiting for a supervisor's sign-off; they count once signed off.", ethics.PendingNote);

        await SignOffPendingHoursAsync(host, terry, DemoAccounts.Supervisor, "Dennis Okafor");

        var after = await host.Send(new MyCredentials.Query(terry, terry));
        Assert.True(after.IsSelf);
        Assert.Equal("Terry Jackson", after.PersonName);
        ethics = Requirement(after, r => r.Requirement.DomainId == "ethical-responsibility");
        Assert.Equal("15 of 16 hours", ethics.Progress);
        Assert.Equal("1 more hour of Ethical Responsibility", ethics.Gap);
        Assert.Equal(0m, ethics.Pending);
        Assert.Equal("Ethics for Recovery Coaches", Assert.Single(ethics.CountedFrom).Label);
        Assert.False(after.Targets.Single().Eligibility.Eligible);
        Assert.Contains(after.Choices, c => c.Id == Icrc && c.Chosen);
        Assert.Equal(7, after.Choices.Count);
    }

    [Fact]
    public async Task Choosing_credentials_refuses_an_unknown_one_and_can_drop_them_all()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        var e = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new ChooseCredentials.Command(lena, [Icrc, "ca-ccapp-carc"])));
        Assert.Equal("There is no credential 'ca-ccapp-carc'. Choose from the list.", Assert.Single(e.Errors).ErrorMessage);
        Assert.Equal(0, await host.Db(db => db.CredentialTargets.CountAsync(t => t.PersonId == lena)));

        await host.Send(new ChooseCredentials.Command(lena, [Icrc, "naadac-ncprss", Icrc]));
        Assert.Equal(2, await host.Db(db => db.CredentialTargets.CountAsync(t => t.PersonId == lena)));
        await host.Send(new ChooseCredentials.Command(lena, ["naadac-ncprss"]));
        Assert.Equal(new[] { "naadac-ncprss" }, await host.Db(db => db.CredentialTargets.Where(t => t.PersonId == lena).Select(t => t.CredentialId).ToListAsync()));
        await host.Send(new ChooseCredentials.Command(lena, []));
        Assert.Empty((await host.Send(new MyCredentials.Query(lena, lena))).Targets);
        Assert.Equal(3, await host.AuditCount(AuditActions.CredentialTargetsChosen));
    }

    [Fact]
    public async Task The_code_of_ethics_is_signed_once_with_a_ticked_statement_and_the_full_name()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var terry = await host.IdOf(DemoAccounts.Trainee);
        await host.Send(new ChooseCredentials.Command(terry, [Massachusetts]));

        var unticked = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new SignCodeOfEthics.Command(terry, Massachusetts, false, "")));
        Assert.Equal(new[] { "Tick the box to confirm the statement.", "Type your full name to sign." }, unticked.Errors.Select(x => x.ErrorMessage));
        var wrongName = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new SignCodeOfEthics.Command(terry, Massachusetts, true, "Terry J")));
        Assert.Equal("Type your full name as it is on your account: Terry Jackson.", Assert.Single(wrongName.Errors).ErrorMessage);
        var noCode = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new SignCodeOfEthics.Command(terry, "ct-ccb-cac", true, "Terry Jackson")));
        Assert.Equal("This credential does not ask you to sign a code of ethics.", Assert.Single(noCode.Errors).ErrorMessage);

        await host.Send(new SignCodeOfEthics.Command(terry, Massachusetts, true, "  terry   jackson "));
        var again = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new SignCodeOfEthics.Command(terry, Massachusetts, true, "Terry Jackson")));
        Assert.Equal("You have already signed the code of ethics for this credential.", Assert.Single(again.Errors).ErrorMessage);

        var signature = await host.Db(db => db.CodeOfEthicsSignatures.SingleAsync(s => s.PersonId == terry));
        Assert.Equal(("terry   jackson", host.Clock.UtcNow), (signature.TypedName, signature.SignedAt));
        Assert.StartsWith("I have read the Massachusetts certification board code of ethics", signature.Statement, StringComparison.Ordinal);
        var code = Requirement(await host.Send(new MyCredentials.Query(terry, terry)), r => r.Requirement.Kind == RequirementKind.CodeOfEthicsSigned);
        Assert.True(code.Met);
        Assert.Equal("Signed on 12 January 2027", code.Progress);
        await Assert.ThrowsAsync<AppendOnlyViolationException>(() => host.Db(async db =>
        {
            var s = await db.CodeOfEthicsSignatures.SingleAsync(x => x.PersonId == terry);
            s.TypedName = "Someone else";
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(1, await host.AuditCount(AuditActions.CodeOfEthicsSigned));
    }

    [Fact]
    public async Task Time_in_recovery_keeps_only_yes_or_no_and_the_latest_answer_counts()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        await host.Send(new ChooseCredentials.Command(lena, ["ma-mbsacc-carc"]));
        var asked = await host.Send(new MyCredentials.Query(lena, lena));
        Assert.Equal(new MyCredentials.RecoveryQuestion(1, null), Assert.Single(asked.RecoveryQuestions));

        var noAnswer = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new AnswerTimeInRecovery.Command(lena, 1, null)));
        Assert.Equal("Choose yes or no.", Assert.Single(noAnswer.Errors).ErrorMessage);
        var notAsked = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new AnswerTimeInRecovery.Command(lena, 7, true)));
        Assert.Equal("No credential asks this question.", Assert.Single(notAsked.Errors).ErrorMessage);

        await host.Send(new AnswerTimeInRecovery.Command(lena, 1, false));
        var no = Requirement(await host.Send(new MyCredentials.Query(lena, lena)), r => r.Requirement.Kind == RequirementKind.TimeInRecovery);
        Assert.Equal(("Answered no", false), (no.Progress, no.Met));
        host.Clock.AdvanceSeconds(60);
        await host.Send(new AnswerTimeInRecovery.Command(lena, 1, true));
        var yes = Requirement(await host.Send(new MyCredentials.Query(lena, lena)), r => r.Requirement.Kind == RequirementKind.TimeInRecovery);
        Assert.Equal(("Answered yes", true), (yes.Progress, yes.Met));

        Assert.Equal(2, await host.Db(db => db.RecoveryTimeAttestations.CountAsync(a => a.PersonId == lena)));
        var recordProperties = typeof(RecoveryTimeAttestation).GetProperties().Select(p => p.Name).Order();
        Assert.Equal(new[] { "Affirmed", "AttestedAt", "Id", "PersonId", "Years" }, recordProperties);
        var audit = await host.Db(db => db.AuditEvents.Where(a => a.Action == AuditActions.RecoveryTimeAttested).Select(a => a.Details).ToListAsync());
        Assert.All(audit, d => Assert.Equal("answered the 1-year question", d));
    }

    [Fact]
    public async Task Only_an_institute_admin_records_an_exam_pass_and_it_counts_for_every_credential_that_takes_the_exam()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var terry = await host.IdOf(DemoAccounts.Trainee);
        var admin = await host.IdOf(DemoAccounts.Admin);
        var coordinator = await host.IdOf(DemoAccounts.Coordinator);
        await host.Send(new ChooseCredentials.Command(terry, [Icrc, "ny-asap-nycb-crpa"]));

        await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(new RecordExamPass.Command(coordinator, DemoAccounts.Trainee, "icrc-peer-recovery", new DateOnly(2027, 1, 5))));
        var bad = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new RecordExamPass.Command(admin, "not-an-email", "no-such-exam", new DateOnly(2027, 2, 1))));
        Assert.Equal(new[] { "Enter an email address like name@example.org.", "Choose the exam from the list.", "The date cannot be in the future." }, bad.Errors.Select(e => e.ErrorMessage));
        var nobody = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new RecordExamPass.Command(admin, "nobody@example.org", "icrc-peer-recovery", new DateOnly(2027, 1, 5))));
        Assert.Equal("No one has an account with the email address nobody@example.org.", Assert.Single(nobody.Errors).ErrorMessage);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(new RecordExamPass.Command(admin, DemoAccounts.Admin, "icrc-peer-recovery", new DateOnly(2027, 1, 5))));

        var pass = await host.Send(new RecordExamPass.Command(admin, DemoAccounts.Trainee.ToUpperInvariant(), "icrc-peer-recovery", new DateOnly(2027, 1, 5)));
        var twice = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new RecordExamPass.Command(admin, DemoAccounts.Trainee, "icrc-peer-recovery", new DateOnly(2027, 1, 5))));
        Assert.Equal("This pass is already recorded for Terry Jackson.", Assert.Single(twice.Errors).ErrorMessage);

        var view = await host.Send(new MyCredentials.Query(terry, terry));
        Assert.All(view.Targets, t => Assert.Equal("Passed on 5 January 2027", t.Eligibility.Requirements.Single(r => r.Requirement.Kind == RequirementKind.ExamPassed).Progress));
        var list = await host.Send(new ListExamPasses.Query(admin));
        Assert.Equal(("Terry Jackson", "IC&RC Peer Recovery exam", "Morgan Lee"), (list.Records[0].PersonName, list.Records[0].ExamName, list.Records[0].RecordedBy));

        var noReason = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new WithdrawExamPass.Command(admin, pass, " ")));
        Assert.Equal("Say why the record is withdrawn.", Assert.Single(noReason.Errors).ErrorMessage);
        await host.Send(new WithdrawExamPass.Command(admin, pass, "Recorded for the wrong person."));
        var again = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new WithdrawExamPass.Command(admin, pass, "Again")));
        Assert.Equal("This exam record is already withdrawn.", Assert.Single(again.Errors).ErrorMessage);
        Assert.All((await host.Send(new MyCredentials.Query(terry, terry))).Targets,
            t => Assert.False(t.Eligibility.Requirements.Single(r => r.Requirement.Kind == RequirementKind.ExamPassed).Met));
        Assert.Equal("Recorded for the wrong person.", (await host.Send(new ListExamPasses.Query(admin))).Records[0].WithdrawnReason);
        Assert.Equal((1, 1), (await host.AuditCount(AuditActions.ExamPassRecorded), await host.AuditCount(AuditActions.ExamPassWithdrawn)));
    }

    [Fact]
    public async Task An_outside_certificate_must_be_a_pdf_or_picture_within_the_size_limit()
    {
        await using var host = await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["Credentials:OutsideCertificateMaxMegabytes"] = "1" });
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        UploadOutsideCertificate.Command Upload(byte[]? content, long? size = null, string name = "certificate.pdf") =>
            new(lena, "Harm Reduction Works", "HIV and Hepatitis C Basics", new DateOnly(2026, 6, 1), 6, name, content, size ?? content?.Length ?? 0);

        var html = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(Upload("<html><script>alert(1)</script></html>"u8.ToArray())));
        Assert.Equal("This file is not a PDF or a picture (PNG or JPEG). Save or scan the certificate as a PDF, or take a photo of it, and upload that.", Assert.Single(html.Errors).ErrorMessage);
        var word = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(Upload([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], name: "certificate.docx")));
        Assert.Single(word.Errors);
        var large = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(Upload(Pdf, size: 1048577 + 500000)));
        Assert.Equal("The file is 1.5 MB; the most the institute accepts is 1 MB. Scan it again at a lower resolution, or take a photo of it with your phone, and upload that.",
            Assert.Single(large.Errors).ErrorMessage);
        var missing = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new UploadOutsideCertificate.Command(lena, "", " ", null, -2, null, null, 0)));
        Assert.Equal(new[] { "Enter the name of the provider who gave the training.", "Enter the title of the training, as it is on the certificate.", "Enter the date you completed the training.",
            "Enter between 0.25 and 500 hours.", "Choose the certificate file to upload." }, missing.Errors.Select(e => e.ErrorMessage));
        Assert.Equal(0, await host.Db(db => db.OutsideCertificates.CountAsync()));
        Assert.Equal(0, await host.Db(db => db.StoredFiles.CountAsync(f => !f.Name.StartsWith("held-"))));

        var id = await host.Send(Upload(Png, name: @"C:\Users\lena\Pictures\my cert.png"));
        var stored = await host.Db(db => db.OutsideCertificates.SingleAsync(c => c.Id == id));
        Assert.Equal(("image/png", "my cert.png", $"{id:N}.png", OutsideCertificateFiles.Sha256(Png)), (stored.ContentType, stored.OriginalFileName, stored.StoredFileName, stored.Sha256));
        // Kept in the database, so every server of the site serves it.
        Assert.Equal(Png, await host.Db(db => db.StoredFiles.Where(f => f.Name == stored.StoredFileName).Select(f => f.Content).SingleAsync()));
        Assert.Equal(1, await host.AuditCount(AuditActions.OutsideCertificateUploaded));
    }

    [Fact]
    public async Task Outside_hours_count_only_once_an_institute_admin_verifies_them_and_the_newest_decision_wins()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        var terry = await host.IdOf(DemoAccounts.Trainee);
        var admin = await host.IdOf(DemoAccounts.Admin);
        var supervisor = await host.IdOf(DemoAccounts.Supervisor);
        await host.Send(new ChooseCredentials.Command(lena, ["naadac-ncprss"]));
        var id = await host.Send(new UploadOutsideCertificate.Command(lena, "Harm Reduction Works", "HIV and Hepatitis C Basics", new DateOnly(2026, 6, 1), 6, "hiv.pdf", Pdf, Pdf.Length));

        VerifyOutsideCertificate.Command Verify(string actor, Dictionary<string, decimal?> hours, string? board = null, string? number = null) =>
            new(actor, id, OutsideCertificateDecision.Verified, hours, "Harm Reduction Works", board, number, new DateOnly(2026, 6, 1), HoursDelivery.InPerson, null);
        var hiv = new Dictionary<string, decimal?> { ["naadac-ncprss/hiv-bloodborne-pathogens"] = 6, ["advocacy"] = null };

        Assert.Equal("0 of 6 hours", Requirement(await host.Send(new MyCredentials.Query(lena, lena)), r => r.Requirement.DomainId == "hiv-bloodborne-pathogens").Progress);
        Assert.Equal(1, (await host.Send(new MyCredentials.Query(lena, lena))).OutsideCertificatesWaiting);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(Verify(supervisor, hiv)));
        var bad = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(Verify(admin, new() { ["housing"] = 2, ["advocacy"] = -1 }, number: "123")));
        Assert.Equal(new[] { "Choose domains from the list.", "Enter each domain's hours as a number from 0 to 500, with at most two decimals.",
            "Choose the board whose approval number the certificate shows." }, bad.Errors.Select(e => e.ErrorMessage));
        var none = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(Verify(admin, new() { ["advocacy"] = 0 }, board: "naadac")));
        Assert.Equal(new[] { "Enter the hours that count in at least one domain.", "Enter the approval number the certificate shows, or choose no board." }, none.Errors.Select(e => e.ErrorMessage));
        var refusal = await Assert.ThrowsAsync<ValidationException>(async () => await host.Send(new VerifyOutsideCertificate.Command(admin, id, OutsideCertificateDecision.Refused,
            new Dictionary<string, decimal?>(), null, null, null, null, null, "")));
        Assert.Equal("Say why, so the trainee knows what to do.", Assert.Single(refusal.Errors).ErrorMessage);

        await host.Send(Verify(admin, hiv, "naadac", "NAADAC-PROV-77"));
        var view = await host.Send(new MyCredentials.Query(lena, lena));
        Assert.True(Requirement(view, r => r.Requirement.DomainId == "hiv-bloodborne-pathogens").Met);
        Assert.Equal("6 of 60 hours", Requirement(view, r => r.Requirement.Kind == RequirementKind.TrainingHours).Progress);
        Assert.Equal(0, view.OutsideCertificatesWaiting);
        var mine = Assert.Single(await host.Send(new MyOutsideCertificates.Query(lena)));
        Assert.Equal((OutsideCertificateStatus.Verified, 6m), (mine.Status, mine.VerifiedHours));
        Assert.Equal("6 h HIV and Other Bloodborne Pathogens (NAADAC National Certified Peer Recovery Support Specialist (NCPRSS))", Assert.Single(mine.VerifiedLines));

        host.Clock.AdvanceSeconds(60);
        await host.Send(new VerifyOutsideCertificate.Command(admin, id, OutsideCertificateDecision.Refused, new Dictionary<string, decimal?>(), null, null, null, null, null,
            "The certificate shows no hours; ask the provider for one that does."));
        Assert.Equal("0 of 6 hours", Requirement(await host.Send(new MyCredentials.Query(lena, lena)), r => r.Requirement.DomainId == "hiv-bloodborne-pathogens").Progress);
        mine = Assert.Single(await host.Send(new MyOutsideCertificates.Query(lena)));
        Assert.Equal((OutsideCertificateStatus.Refused, "The certificate shows no hours; ask the provider for one that does."), (mine.Status, mine.Reason));
        var detail = await host.Send(new GetOutsideCertificate.Query(admin, id));
        Assert.Equal(new[] { OutsideCertificateDecision.Refused, OutsideCertificateDecision.Verified }, detail.Reviews.Select(r => r.Decision));
        Assert.Contains(detail.Domains, d => d.CountsToward.StartsWith("Counts toward ", StringComparison.Ordinal) && d.CountsToward.Contains(": total hours only", StringComparison.Ordinal));
        // The admin form's hints in Spanish for a Spanish reader: what a domain's hours count toward, and board-only domains.
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("es-US");
            var spanish = await host.Send(new GetOutsideCertificate.Query(admin, id));
            Assert.Contains(spanish.Domains, d => d.CountsToward.StartsWith("Cuenta para ", StringComparison.Ordinal) && d.CountsToward.Contains(": solo el total de horas", StringComparison.Ordinal));
            Assert.Contains(spanish.Domains, d => d.CountsToward.StartsWith("Cuenta solo para ", StringComparison.Ordinal));
            Assert.DoesNotContain(spanish.Domains, d => d.CountsToward.Contains("Counts", StringComparison.Ordinal));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
        Assert.Equal((1, 1), (await host.AuditCount(AuditActions.OutsideCertificateVerified), await host.AuditCount(AuditActions.OutsideCertificateRefused)));

        await Assert.ThrowsAsync<NotFoundException>(async () => await host.Send(new OpenOutsideCertificateFile.Command(terry, id)));
        Assert.Equal(Pdf, (await host.Send(new OpenOutsideCertificateFile.Command(lena, id))).Content);
        Assert.Equal(0, await host.AuditCount(AuditActions.OutsideCertificateViewed));
        var file = await host.Send(new OpenOutsideCertificateFile.Command(admin, id));
        Assert.Equal(("application/pdf", "hiv.pdf"), (file.ContentType, file.DownloadName));
        Assert.Equal(1, await host.AuditCount(AuditActions.OutsideCertificateViewed));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(new OutsideCertificateQueue.Query(lena)));
    }

    [Fact]
    public async Task Staff_see_only_their_own_sites_trainees_credentials()
    {
        await using var host = await LearningRecordHost.StartAsync();
        var terry = await host.IdOf(DemoAccounts.Trainee);
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        var supervisor = await host.IdOf(DemoAccounts.Supervisor);
        var coordinatorB = await host.IdOf(DemoAccounts.CoordinatorB);
        var facilitator = await host.IdOf(DemoAccounts.Facilitator);
        var admin = await host.IdOf(DemoAccounts.Admin);
        await host.Send(new ChooseCredentials.Command(terry, [Icrc]));
        await host.Send(new ChooseCredentials.Command(lena, ["ma-mbsacc-carc"]));

        Assert.Equal("Terry Jackson", (await host.Send(new MyCredentials.Query(supervisor, terry))).PersonName);
        Assert.False((await host.Send(new MyCredentials.Query(supervisor, terry, DemoData.SiteA))).IsSelf);
        Assert.Equal("Lena Brooks", (await host.Send(new MyCredentials.Query(coordinatorB, lena, DemoData.SiteB))).PersonName);
        Assert.Equal("Lena Brooks", (await host.Send(new MyCredentials.Query(admin, lena))).PersonName);

        async Task Refused(string actor, string person, Guid? site, string message)
        {
            var e = await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(new MyCredentials.Query(actor, person, site)));
            Assert.Equal(message, e.Message);
            await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(new BuildApplicationPacket.Command(actor, person, Icrc, site)));
        }
        await Refused(supervisor, lena, null, CredentialAccess.NotYourTrainee);
        await Refused(supervisor, lena, DemoData.SiteA, CredentialAccess.NotYourTrainee);
        await Refused(supervisor, lena, DemoData.SiteB, "You can only see the people of your own site.");
        await Refused(coordinatorB, terry, null, CredentialAccess.NotYourTrainee);
        await Refused(facilitator, terry, null, CredentialAccess.NotYourTrainee);
        await Refused(terry, lena, null, CredentialAccess.NotYourTrainee);
        await Assert.ThrowsAsync<NotFoundException>(async () => await host.Send(new MyCredentials.Query(supervisor, "no-such-person")));

        var siteA = await host.Send(new SiteCredentials.Query(supervisor, DemoData.SiteA));
        var row = Assert.Single(siteA.Trainees);
        Assert.Equal(("Terry Jackson", "IC&RC Peer Recovery (PR)"), (row.FullName, Assert.Single(row.Targets).CredentialName));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(new SiteCredentials.Query(supervisor, DemoData.SiteB)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await host.Send(new SiteCredentials.Query(facilitator, DemoData.SiteA)));
    }

    [Trait(Speed.Trait, Speed.Slow)]
    [Fact]
    public async Task The_packet_holds_hours_by_the_boards_domains_certificates_attestations_and_the_practicum_log()
    {
        await using var host = await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["Credentials:ProviderNumbers:ny-asap-nycb"] = "NYCB-2026-0042" });
        var terry = await host.IdOf(DemoAccounts.Trainee);
        var admin = await host.IdOf(DemoAccounts.Admin);
        await CreditCourseAsync(host, terry, "ethics", EthicsDay);
        await SignOffPendingHoursAsync(host, terry, DemoAccounts.Supervisor, "Dennis Okafor");
        await CreditCourseAsync(host, terry, "mat", EthicsDay, HoursDelivery.LiveVirtual);
        var practice = await LogPracticumAsync(host, terry, PracticumKind.Experience, 3.5m, new DateOnly(2027, 1, 8));
        await LogPracticumAsync(host, terry, PracticumKind.Supervision, 1, new DateOnly(2027, 1, 9));
        var supervisor = await host.IdOf(DemoAccounts.Supervisor);
        host.Clock.AdvanceSeconds(60);
        await host.Send(new TrainingHub.Features.SignOffs.DecideSignOff.Command(supervisor, SignOffDecision.Approved, [new(SignOffSubject.Practicum, practice)], "Dennis Okafor", DemoAccounts.Password, true, null));
        await host.Send(new SignEthicsCode.Command(terry, "peer-recovery-code-of-ethics", host.Catalog.FindCode("peer-recovery-code-of-ethics")!.Version, true, "Terry Jackson"));
        Certificate certificate;
        await using (var scope = host.Scope())
        {
            var enrollment = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Enrollments.SingleAsync(e => e.PersonId == terry && e.CourseId == "ethics");
            certificate = await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().IssueAsync(enrollment.Id, enrollment.CourseVersion, 1, null, null, CancellationToken.None);
        }

        var packet = await host.Send(new BuildApplicationPacket.Command(terry, terry, "ny-asap-nycb-crpa"));

        Assert.Equal(("Terry Jackson", "New York Certified Recovery Peer Advocate (CRPA)", "NYCB-2026-0042"), (packet.PersonName, packet.CredentialName, packet.InstituteProviderNumber));
        Assert.Equal(15m, packet.DomainTotals.Single(d => d.Domain == "Ethical Responsibility").Counted);
        // The medications course splits its 4 hours: each part counts toward its own board domain (ADR 0015).
        var mat = host.CourseOf("mat").Lessons.SelectMany(l => l.DomainHours).GroupBy(p => p.Tag).ToDictionary(g => g.Key, g => g.Sum(p => p.Hours));
        Assert.Equal(4m, mat.Values.Sum());
        Assert.Equal(mat["medication-supported-recovery"], packet.DomainTotals.Single(d => d.Domain == "Medication Supported Recovery").Counted);
        Assert.Equal(mat["advocacy"], packet.DomainTotals.Single(d => d.Domain == "Advocacy").Counted);
        var line = packet.Training.First(t => t.Domain == "Medication Supported Recovery");
        Assert.Equal((EthicsDay, "Live online", "NYCB-2026-0042", "Counted"), (line.Date, line.Delivery, line.ProviderNumber, line.Status));
        Assert.Equal($"{4m - mat["medication-supported-recovery"]} more hours of Medication Supported Recovery",
            packet.Requirements.Single(r => r.Title == "Training in Medication Supported Recovery").Gap);
        Assert.Equal("1 more hour of Ethical Responsibility", packet.Requirements.Single(r => r.Title == "Training in Ethical Responsibility").Gap);
        var issued = Assert.Single(packet.Certificates);
        Assert.Equal((certificate.Code, $"http://localhost:5000/verify/{certificate.Code}"), (issued.VerificationCode, issued.VerificationUrl));
        var attestation = packet.Attestations.First();
        Assert.Equal(("Dennis Okafor", "Signed off"), (attestation.Supervisor, attestation.Status));
        Assert.Equal("15 hours: 18 training entries", attestation.Covers);
        Assert.StartsWith("I attest that I supervised this trainee", attestation.Statement, StringComparison.Ordinal);
        var practiceLine = Assert.Single(packet.Practicum);
        Assert.Equal(("Practice", 3.5m, "Advocacy", "Dennis Okafor, 12 Jan 2027"), (practiceLine.Kind, practiceLine.Hours, practiceLine.Domain, practiceLine.SignedOffBy));
        Assert.Contains(packet.OtherRecords, r => r.Title == "Code of ethics: Peer Recovery Code of Ethics" && r.Detail.Contains("with the typed name \"Terry Jackson\"", StringComparison.Ordinal));
        Assert.Contains(packet.OtherRecords, r => r.Title == "IC&RC Peer Recovery exam" && r.Detail == "Not recorded");
        Assert.Equal(1, await host.AuditCount(AuditActions.ApplicationPacketDownloaded));

        var csv = BuildApplicationPacket.ToCsv(packet);
        Assert.StartsWith("Section,Date,Item,Detail,Board domain,Hours,Delivery,Provider,Provider number,Status,Reference\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"Certificate,{EthicsDay:yyyy-MM-dd},Ethics for Recovery Coaches,issued by the institute,,15,,TrainingHub Institute,,,{certificate.Code} http://localhost:5000/verify/{certificate.Code}\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("Practice log,2027-01-08,Peer support at the drop-in centre,Drop-in centre,Advocacy,3.5,,,,\"Signed off by Dennis Okafor, 12 Jan 2027\",\r\n", csv, StringComparison.Ordinal);

        using var scratch = new ScratchFolder();
        var pdf = scratch.File("packet.pdf");
        await File.WriteAllBytesAsync(pdf, TrainingHub.PdfLayout.ApplicationPacketPdf.Render(packet));
        // Read in drawing order, with line breaks inside table cells folded into spaces.
        var text = string.Join(' ', DebianTools.Run("pdftotext", "-raw", pdf, "-").Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Credential application packet", text, StringComparison.Ordinal);
        Assert.Contains("Terry Jackson", text, StringComparison.Ordinal);
        Assert.Contains("1 more hour of Ethical", text, StringComparison.Ordinal);
        Assert.Contains(certificate.Code, text, StringComparison.Ordinal);
        Assert.Contains("NYCB-2026-0042", text, StringComparison.Ordinal);
        Assert.Matches(@"Page 1 of \d", text);

        await Assert.ThrowsAsync<NotFoundException>(async () => await host.Send(new BuildApplicationPacket.Command(admin, terry, "no-such-credential")));
    }

    [Fact]
    public async Task Reaching_eligibility_queues_one_notice_that_emails_the_person_and_their_sites_supervisor()
    {
        using var content = new RulesFolder("""
            id: quick-peer
            board: quick
            boardName: Quick Board
            name: Quick Peer Credential
            summary: Four hours of training and a signed code of ethics.
            source: https://quick.example.org/peer
            checked: 2026-11-23
            requirements:
              - kind: training-hours
                hours: 4
                source: https://quick.example.org/peer
                checked: 2026-11-23
              - kind: code-of-ethics
                source: https://quick.example.org/peer
                checked: 2026-11-23
            """);
        await using var host = await LearningRecordHost.StartAsync(new Dictionary<string, string?> { ["Content:Path"] = content.Root });
        var lena = await host.IdOf(DemoAccounts.TraineeB);
        await host.Send(new ChooseCredentials.Command(lena, ["quick-peer"]));
        await CreditCourseAsync(host, lena, "mat", EthicsDay);

        Assert.Equal(0, await host.Send(new EvaluateEligibility.Command()));
        await host.Send(new SignCodeOfEthics.Command(lena, "quick-peer", true, "Lena Brooks"));
        Assert.Equal(1, await host.Send(new EvaluateEligibility.Command()));
        Assert.Equal(0, await host.Send(new EvaluateEligibility.Command()));
        var notice = await host.Db(db => db.OutboxMessages.SingleAsync(m => m.Kind == OutboxKind.EligibilityNotice));
        Assert.Equal($"eligible/{lena}/quick-peer", notice.Key);

        Assert.Equal(1, await host.Send(new DispatchOutbox.Command()));
        var toLena = Assert.Single(Mailbox.To(host.Folder, DemoAccounts.TraineeB));
        Assert.Equal("You meet the requirements for the Quick Peer Credential", toLena.Subject);
        Assert.Contains("/my/credentials", toLena.Body, StringComparison.Ordinal);
        var toPriya = Assert.Single(Mailbox.To(host.Folder, DemoAccounts.SupervisorB));
        Assert.Equal("Lena Brooks meets the requirements for the Quick Peer Credential", toPriya.Subject);
        Assert.Contains($"/sites/{DemoData.SiteB}/credentials/{lena}", toPriya.Body, StringComparison.Ordinal);
        Assert.Empty(Mailbox.To(host.Folder, DemoAccounts.Supervisor));

        // Eligible again after a lapse, or on a second run: never a second notice.
        await host.Send(new ChooseCredentials.Command(lena, []));
        await host.Send(new ChooseCredentials.Command(lena, ["quick-peer"]));
        Assert.Equal(0, await host.Send(new EvaluateEligibility.Command()));
        await host.Send(new DispatchOutbox.Command());
        Assert.Single(Mailbox.To(host.Folder, DemoAccounts.TraineeB));
        Assert.Equal(1, await host.AuditCount(AuditActions.EligibilityReached));
    }

    /// <summary>A content folder holding only credential rule files (the courses come from the shipped content).</summary>
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
