using System.Net;
using System.Net.Http.Headers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.SignOffs;
using static TrainingHub.Web.Tests.Pages.SitePagesHelpers;

namespace TrainingHub.Web.Tests.Pages;

[Collection(SiteCollection.Name)]
public sealed class CredentialsPagesTests(SiteFactory site)
{
    private static readonly byte[] Pdf = TestFiles.PlainPdf();

    private Task<(string Email, string Id, HttpClient Client)> NewTraineeAsync(Guid siteId, string fullName) => site.NewTraineeAsync(siteId, fullName);

    private async Task ChooseAsync(HttpClient client, params string[] credentials)
    {
        var token = await TokenFrom(client, "/my/credentials");
        using var form = new FormUrlEncodedContent(credentials.Select(c => KeyValuePair.Create("Selected", c))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        var response = await client.PostAsync("/my/credentials?handler=Choose", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task SignedOffEthicsAsync(string email, string supervisorId, string supervisorName)
    {
        var entries = new List<Guid>();
        var lessons = site.Services.GetRequiredService<CourseCatalog>().Find("ethics")!.Lessons.Count();
        for (var i = 0; i < lessons; i++) entries.Add(await Seed.CreditLessonAsync(site.Services, email, "ethics", i));
        await using var scope = site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DecideSignOff.Command(supervisorId, SignOffDecision.Approved,
            entries.Select(e => new DecideSignOff.ItemRef(SignOffSubject.Hours, e)).ToList(), supervisorName, DemoAccounts.Password, true, null));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName, string contentType, string token,
        string provider = "Harm Reduction Works", string hours = "6")
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(provider), "Input.ProviderName" },
            { new StringContent("HIV and Hepatitis C Basics"), "Input.CourseTitle" },
            { new StringContent("2026-06-01"), "Input.CompletedOn" },
            { new StringContent(hours), "Input.Hours" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(part, "Input.File", fileName);
        return await client.PostAsync("/my/outside-training", content);
    }

    [Fact]
    public async Task A_trainee_chooses_ICRC_and_sees_each_requirement_with_the_one_hour_ethics_gap()
    {
        var (email, _, client) = await NewTraineeAsync(DemoData.SiteA, "Avery Quinn");
        var dennis = await Seed.PersonIdAsync(site.Services, DemoAccounts.Supervisor);
        await SignedOffEthicsAsync(email, dennis, "Dennis Okafor");
        Assert.Contains("You have not chosen a credential yet.", await client.GetStringAsync("/my/credentials"), StringComparison.Ordinal);

        await ChooseAsync(client, "icrc-pr");
        var html = Decoded(await client.GetStringAsync("/my/credentials"));
        Assert.Contains("Saved. The credentials you chose are listed below, each with where you stand.", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"credential-icrc-pr\" data-content>IC&RC Peer Recovery (PR)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("15 of 16 hours", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Still needed:</strong> 1 more hour of Ethical Responsibility<", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Still needed:</strong> 31 more hours of training<", html, StringComparison.Ordinal);
        Assert.Contains("<span data-content>Ethics for Recovery Coaches</span>: 15 hours", html, StringComparison.Ordinal);
        Assert.Contains("Source: <a href=\"https://internationalcredentialing.org/icrc-credentials/pr\" rel=\"noopener\" data-content>https://internationalcredentialing.org/icrc-credentials/pr</a>, checked 5 December 2026", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not confirmed with the board.", html, StringComparison.Ordinal);

        // New York's CARC rules are all confirmed now (docs/rule-file-changes-2026-12.md); Massachusetts' are not.
        await ChooseAsync(client, "icrc-pr", "ny-asap-nycb-carc", "ma-mbsacc-carc");
        html = Decoded(await client.GetStringAsync("/my/credentials"));
        Assert.Contains("Not confirmed with the board.", html, StringComparison.Ordinal);
        Assert.Contains("Training from a provider approved by New York Certification Board (InUnity Alliance), for training completed on or after 1 October 2020", html, StringComparison.Ordinal);
        Assert.Contains("has no New York Certification Board (InUnity Alliance) approval number on record): 15 hours", WithoutTags(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Spanish_reader_sees_the_credential_sentences_in_Spanish_with_the_boards_names_as_written()
    {
        var (email, _, client) = await NewTraineeAsync(DemoData.SiteA, "Rosa Medina");
        var dennis = await Seed.PersonIdAsync(site.Services, DemoAccounts.Supervisor);
        await SignedOffEthicsAsync(email, dennis, "Dennis Okafor");
        await ChooseAsync(client, "icrc-pr", "ny-asap-nycb-carc");
        var chosen = await SiteFactory.PostForm(client, "/language", new() { ["language"] = "es", ["ReturnUrl"] = "/my/credentials" }, formPage: "/my/credentials");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        var html = Decoded(await client.GetStringAsync("/my/credentials"));
        Assert.Contains("<strong>Todavía falta:</strong> 1 hora más de Ethical Responsibility<", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Todavía falta:</strong> 31 horas más de capacitación<", html, StringComparison.Ordinal);
        Assert.Contains("<p>15 de 16 horas</p>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Capacitación en Ethical Responsibility</strong>", html, StringComparison.Ordinal);
        Assert.Contains("todavía falta: 500 horas más de práctica, aprobadas por un supervisor; 31 horas más de capacitación.", html, StringComparison.Ordinal);
        Assert.Contains("Capacitación de un proveedor aprobado por New York Certification Board (InUnity Alliance), para la capacitación completada el 1 de octubre de 2020 o después", html, StringComparison.Ordinal);
        Assert.Matches("15 horas de su capacitación no cuentan: .+ no tiene registrado un número de aprobación de New York Certification Board \\(InUnity Alliance\\)\\.", html);
        foreach (var english in new[] { "more hour", "more hours of training", "requirements still to meet", "approval number on record", "Training from a provider" })
        {
            Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task My_credentials_starts_with_one_plain_line_per_credential_and_folds_the_details_below_without_operator_words()
    {
        var (email, _, client) = await NewTraineeAsync(DemoData.SiteA, "Morgan Reyes");
        var dennis = await Seed.PersonIdAsync(site.Services, DemoAccounts.Supervisor);
        await SignedOffEthicsAsync(email, dennis, "Dennis Okafor");
        await ChooseAsync(client, "icrc-pr", "ny-asap-nycb-carc", "ma-mbsacc-carc");
        var html = Decoded(await client.GetStringAsync("/my/credentials"));

        var start = html.IndexOf("<ul class=\"credential-glance\"", StringComparison.Ordinal);
        Assert.True(start > 0, "the page starts with one line per credential");
        var glance = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        Assert.Equal(3, glance.Split("<li ", StringSplitOptions.None).Length - 1);
        Assert.Contains("<strong data-content>IC&RC Peer Recovery (PR):</strong>", glance, StringComparison.Ordinal);
        Assert.Contains("still needed: 500 more hours of practice, signed off by a supervisor; 31 more hours of training.", glance, StringComparison.Ordinal);
        // Why the New York credential counts none of the ethics hours, in the line itself rather than screens below.
        Assert.Matches("15 hours of your training do not count: .+ has no New York Certification Board \\(InUnity Alliance\\) approval number on record\\.", glance);
        Assert.True(start < html.IndexOf("<details class=\"credential-details\" id=\"details-icrc-pr\">", StringComparison.Ordinal), "the details are folded below the lines");
        Assert.Contains("<a href=\"#details-icrc-pr\">Details", glance, StringComparison.Ordinal);

        foreach (var operatorWords in new[] { "Credentials:ProviderNumbers", "editable default", "shown above", "choices above", "keeps this as a default", "delete this requirement" })
        {
            Assert.DoesNotContain(operatorWords, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Bad_choices_and_unsigned_forms_are_explained_and_nothing_is_saved()
    {
        var (_, id, client) = await NewTraineeAsync(DemoData.SiteB, "Jordan Ellis");
        var token = await TokenFrom(client, "/my/credentials");
        var unknown = Decoded(await (await PostWithToken(client, "/my/credentials?handler=Choose", new() { ["Selected"] = "ca-ccapp-carc" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("There is no credential 'ca-ccapp-carc'. Choose from the list.", unknown, StringComparison.Ordinal);
        Assert.Equal(0, await site.Db(db => db.CredentialTargets.CountAsync(t => t.PersonId == id)));

        await ChooseAsync(client, "ma-mbsacc-carc");
        var unsigned = Decoded(await (await PostWithToken(client, "/my/credentials?handler=Sign", new() { ["Sign.CredentialId"] = "ma-mbsacc-carc", ["Sign.TypedName"] = "Someone" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Tick the box to confirm the statement.", unsigned, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Sign_Confirmed\">", unsigned, StringComparison.Ordinal);
        Assert.Contains("id=\"Sign_Confirmed\"", unsigned, StringComparison.Ordinal);
        var wrongName = Decoded(await (await PostWithToken(client, "/my/credentials?handler=Sign", new() { ["Sign.CredentialId"] = "ma-mbsacc-carc", ["Sign.Confirmed"] = "true", ["Sign.TypedName"] = "Someone" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Type your full name as it is on your account: Jordan Ellis.", wrongName, StringComparison.Ordinal);
        Assert.Contains("id=\"Sign_TypedName\"", wrongName, StringComparison.Ordinal);
        var noCode = Decoded(await (await PostWithToken(client, "/my/credentials?handler=Sign", new() { ["Sign.CredentialId"] = "ct-ccb-cac", ["Sign.Confirmed"] = "true", ["Sign.TypedName"] = "Jordan Ellis" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("This credential does not ask you to sign a code of ethics.", noCode, StringComparison.Ordinal);
        var signed = await PostWithToken(client, "/my/credentials?handler=Sign", new() { ["Sign.CredentialId"] = "ma-mbsacc-carc", ["Sign.Confirmed"] = "true", ["Sign.TypedName"] = "Jordan Ellis" }, token);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Contains("Signed on ", Decoded(await client.GetStringAsync("/my/credentials")), StringComparison.Ordinal);

        var noAnswer = Decoded(await (await PostWithToken(client, "/my/credentials?handler=Recovery", new() { ["Recovery.Years"] = "1" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Choose yes or no.", noAnswer, StringComparison.Ordinal);
        var notAsked = Decoded(await (await PostWithToken(client, "/my/credentials?handler=Recovery", new() { ["Recovery.Years"] = "9", ["Recovery.Answer"] = "true" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("No credential asks this question.", notAsked, StringComparison.Ordinal);
        Assert.Equal(0, await site.Db(db => db.RecoveryTimeAttestations.CountAsync(a => a.PersonId == id)));
        var answered = await PostWithToken(client, "/my/credentials?handler=Recovery", new() { ["Recovery.Years"] = "1", ["Recovery.Answer"] = "true" }, token);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var after = Decoded(await client.GetStringAsync("/my/credentials"));
        Assert.Contains("Your answer: yes.", after, StringComparison.Ordinal);
        Assert.Contains("Answered yes", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_packet_downloads_as_a_PDF_and_a_CSV_and_a_bad_address_is_not_found()
    {
        var (email, _, client) = await NewTraineeAsync(DemoData.SiteA, "Casey Morgan");
        var dennis = await Seed.PersonIdAsync(site.Services, DemoAccounts.Supervisor);
        await SignedOffEthicsAsync(email, dennis, "Dennis Okafor");

        var pdf = await client.GetAsync("/my/credentials?handler=Packet&credential=icrc-pr&format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("icrc-pr-packet-casey-morgan.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);

        var csv = await client.GetAsync("/my/credentials?handler=Packet&credential=icrc-pr&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Section,Date,Item,Detail,Board domain,Hours,Delivery,Provider,Provider number,Status,Reference\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Requirement,2026-12-05,Training in Ethical Responsibility,15 of 16 hours 1 more hour of Ethical Responsibility,,,,,,Not met,https://internationalcredentialing.org/icrc-credentials/pr\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Domain total,,Ethical Responsibility,,Ethical Responsibility,15,,,,,\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Supervisor attestation,", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/my/credentials?handler=Packet&credential=icrc-pr&format=docx")).StatusCode);
        var unknown = await client.GetAsync("/my/credentials?handler=Packet&credential=no-such-board&format=pdf");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no such credential.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Anonymous().GetAsync("/my/credentials?handler=Packet&credential=icrc-pr&format=pdf")).StatusCode);
    }

    [Fact]
    public async Task An_outside_certificate_that_is_not_a_PDF_or_picture_or_is_too_large_is_refused_with_a_clear_message()
    {
        var (_, id, client) = await NewTraineeAsync(DemoData.SiteB, "Sky Patel");
        var token = await TokenFrom(client, "/my/outside-training");

        var html = Decoded(await (await UploadAsync(client, "<html><body>certificate</body></html>"u8.ToArray(), "certificate.pdf", "application/pdf", token)).Content.ReadAsStringAsync());
        Assert.Contains("This file is not a PDF or a picture (PNG or JPEG). Save or scan the certificate as a PDF, or take a photo of it, and upload that.", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input_File\">", html, StringComparison.Ordinal);

        var large = new byte[(10 * 1024 * 1024) + 200_000];
        Pdf.CopyTo(large, 0);
        var tooLarge = Decoded(await (await UploadAsync(client, large, "scan.pdf", "application/pdf", token)).Content.ReadAsStringAsync());
        Assert.Contains("The file is 10.2 MB; the most the institute accepts is 10 MB.", tooLarge, StringComparison.Ordinal);

        using (var noFile = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } })
        {
            var missing = Decoded(await (await client.PostAsync("/my/outside-training", noFile)).Content.ReadAsStringAsync());
            Assert.Contains("Choose the certificate file to upload.", missing, StringComparison.Ordinal);
            Assert.Contains("Enter the name of the provider who gave the training.", missing, StringComparison.Ordinal);
        }
        var badHours = Decoded(await (await UploadAsync(client, Pdf, "c.pdf", "application/pdf", token, hours: "0")).Content.ReadAsStringAsync());
        Assert.Contains("Enter between 0.25 and 500 hours.", badHours, StringComparison.Ordinal);
        Assert.Equal(0, await site.Db(db => db.OutsideCertificates.CountAsync(c => c.PersonId == id)));

        // A real PDF sent as "application/octet-stream" with no extension is still a PDF.
        var ok = await UploadAsync(client, Pdf, "certificate", "application/octet-stream", token);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var list = Decoded(await client.GetStringAsync("/my/outside-training?Uploaded=true"));
        Assert.Contains("Uploaded. The institute will check it", list, StringComparison.Ordinal);
        Assert.Contains("The institute has not checked it yet.", list, StringComparison.Ordinal);
        var stored = await site.Db(db => db.OutsideCertificates.SingleAsync(c => c.PersonId == id));
        Assert.Equal("application/pdf", stored.ContentType);
        var download = await client.GetAsync($"/my/outside-training?handler=File&id={stored.Id}");
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        var other = await site.SignedIn(DemoAccounts.TraineeB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/my/outside-training?handler=File&id={stored.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_institute_admin_verifies_an_outside_certificate_and_its_hours_count_for_the_trainee()
    {
        var (_, id, client) = await NewTraineeAsync(DemoData.SiteB, "Morgan Reyes");
        await ChooseAsync(client, "naadac-ncprss");
        await UploadAsync(client, Pdf, "hiv.pdf", "application/pdf", await TokenFrom(client, "/my/outside-training"));
        var certificate = await site.Db(db => db.OutsideCertificates.SingleAsync(c => c.PersonId == id));
        var page = $"/institute/credentials/outside/{certificate.Id}";

        var coordinator = await site.SignedIn(DemoAccounts.CoordinatorB);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/institute/credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync(page)).StatusCode);

        var admin = await site.SignedIn(DemoAccounts.Admin);
        var queue = Decoded(await admin.GetStringAsync("/institute/credentials"));
        Assert.Contains("HIV and Hepatitis C Basics", queue, StringComparison.Ordinal);
        var form = Decoded(await admin.GetStringAsync(page));
        Assert.Contains("HIV and Other Bloodborne Pathogens (counts only for the NAADAC National Certified Peer Recovery Support Specialist (NCPRSS))", form, StringComparison.Ordinal);
        var token = await TokenFrom(admin, page);

        var bad = Decoded(await (await PostWithToken(admin, $"{page}?handler=Verify", new() { ["Hours[advocacy]"] = "", ["Verify.ProviderName"] = "", ["Verify.ProviderNumber"] = "A-1" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Enter the hours that count in at least one domain.", bad, StringComparison.Ordinal);
        Assert.Contains("Enter the provider's name as the certificate shows it.", bad, StringComparison.Ordinal);
        Assert.Contains("Choose the board whose approval number the certificate shows.", bad, StringComparison.Ordinal);
        Assert.Contains("Choose how the training was delivered.", bad, StringComparison.Ordinal);
        var noReason = Decoded(await (await PostWithToken(admin, $"{page}?handler=Refuse", new() { ["Reason"] = "" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Say why, so the trainee knows what to do.", noReason, StringComparison.Ordinal);
        var file = await admin.GetAsync($"{page}?handler=File");
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/institute/credentials/outside/{Guid.NewGuid()}")).StatusCode);

        var verified = await PostWithToken(admin, $"{page}?handler=Verify", new()
        {
            ["Hours[naadac-ncprss/hiv-bloodborne-pathogens]"] = "6",
            ["Verify.ProviderName"] = "Harm Reduction Works",
            ["Verify.ProviderBoard"] = "naadac",
            ["Verify.ProviderNumber"] = "NAADAC-77",
            ["Verify.CompletedOn"] = "2026-06-01",
            ["Verify.Delivery"] = "InPerson",
        }, token);
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Contains("Verified. The hours count toward the trainee", Decoded(await admin.GetStringAsync(page)), StringComparison.Ordinal);

        var mine = Decoded(await client.GetStringAsync("/my/credentials"));
        // The provider and title are what the trainee typed (marked as content); the words are read without the markup.
        Assert.Contains("Harm Reduction Works: HIV and Hepatitis C Basics: 6 hours", WithoutTags(mine), StringComparison.Ordinal);
        Assert.Contains("6 hours count: <span data-content>6 h HIV and Other Bloodborne Pathogens", Decoded(await client.GetStringAsync("/my/outside-training")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_institute_admin_records_an_exam_and_bad_input_is_explained()
    {
        var (email, _, client) = await NewTraineeAsync(DemoData.SiteA, "Riley Brooks");
        await ChooseAsync(client, "icrc-pr");
        var admin = await site.SignedIn(DemoAccounts.Admin);
        var token = await TokenFrom(admin, "/institute/credentials");
        var bad = Decoded(await (await PostWithToken(admin, "/institute/credentials?handler=Exam", new() { ["Exam.PersonEmail"] = "", ["Exam.ExamId"] = "", ["Exam.PassedOn"] = "" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Enter the email address of the person who passed.", bad, StringComparison.Ordinal);
        Assert.Contains("Choose the exam from the list.", bad, StringComparison.Ordinal);
        Assert.Contains("Enter the date on the exam result.", bad, StringComparison.Ordinal);
        var nobody = Decoded(await (await PostWithToken(admin, "/institute/credentials?handler=Exam", new() { ["Exam.PersonEmail"] = "nobody@example.org", ["Exam.ExamId"] = "icrc-peer-recovery", ["Exam.PassedOn"] = "2026-10-05" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("No one has an account with the email address nobody@example.org.", nobody, StringComparison.Ordinal);

        var ok = await PostWithToken(admin, "/institute/credentials?handler=Exam", new() { ["Exam.PersonEmail"] = email, ["Exam.ExamId"] = "icrc-peer-recovery", ["Exam.PassedOn"] = "2026-10-05" }, token);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Passed on 5 October 2026", Decoded(await client.GetStringAsync("/my/credentials")), StringComparison.Ordinal);

        var record = await site.Db(db => db.ExamPasses.Where(p => p.PersonId == db.Users.Single(u => u.Email == email).Id).Select(p => p.Id).SingleAsync());
        var noReason = Decoded(await (await PostWithToken(admin, "/institute/credentials?handler=Withdraw", new() { ["WithdrawId"] = record.ToString(), ["WithdrawReason"] = "" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Say why the record is withdrawn.", noReason, StringComparison.Ordinal);
        var unknown = await PostWithToken(admin, "/institute/credentials?handler=Withdraw", new() { ["WithdrawId"] = Guid.NewGuid().ToString(), ["WithdrawReason"] = "x" }, token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var trainee = await site.SignedIn(DemoAccounts.Trainee);
        Assert.Equal(HttpStatusCode.Redirect, (await trainee.GetAsync("/institute/credentials")).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_of_site_A_cannot_see_a_site_B_trainees_credentials()
    {
        var (_, lenaLike, lenaClient) = await NewTraineeAsync(DemoData.SiteB, "Dana Whitaker");
        await ChooseAsync(lenaClient, "icrc-pr");
        var (_, ownTrainee, ownClient) = await NewTraineeAsync(DemoData.SiteA, "Harper Lane");
        await ChooseAsync(ownClient, "icrc-pr");
        var supervisor = await site.SignedIn(DemoAccounts.Supervisor);

        var own = Decoded(await supervisor.GetStringAsync($"/sites/{DemoData.SiteA}/credentials/{ownTrainee}"));
        Assert.Contains("Harper Lane's credentials", own, StringComparison.Ordinal);
        Assert.Contains("16 more hours of Ethical Responsibility", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign the code of ethics</button>", own, StringComparison.Ordinal);
        var list = Decoded(await supervisor.GetStringAsync($"/sites/{DemoData.SiteA}/credentials"));
        Assert.Contains("Harper Lane", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana Whitaker", list, StringComparison.Ordinal);
        var packet = await supervisor.GetAsync($"/sites/{DemoData.SiteA}/credentials/{ownTrainee}?handler=Packet&credential=icrc-pr&format=csv");
        Assert.Equal(HttpStatusCode.OK, packet.StatusCode);
        Assert.Contains("Applicant,", await packet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/sites/{DemoData.SiteA}/credentials/{ownTrainee}?handler=Packet&credential=icrc-pr&format=xls")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/sites/{DemoData.SiteA}/credentials/no-such-person")).StatusCode);

        foreach (var url in new[]
                 {
                     $"/sites/{DemoData.SiteA}/credentials/{lenaLike}",
                     $"/sites/{DemoData.SiteB}/credentials/{lenaLike}",
                     $"/sites/{DemoData.SiteB}/credentials",
                     $"/sites/{DemoData.SiteA}/credentials/{lenaLike}?handler=Packet&credential=icrc-pr&format=pdf",
                     $"/sites/{DemoData.SiteB}/credentials/{lenaLike}?handler=Packet&credential=icrc-pr&format=csv",
                 })
        {
            var response = await supervisor.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {response.StatusCode}");
            Assert.DoesNotContain("Dana Whitaker", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains("You can only see the credentials of your own site&#x27;s trainees.",
            await (await supervisor.GetAsync($"/sites/{DemoData.SiteA}/credentials/{lenaLike}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var coordinatorB = await site.SignedIn(DemoAccounts.CoordinatorB);
        Assert.Contains("Dana Whitaker&#x27;s credentials", await coordinatorB.GetStringAsync($"/sites/{DemoData.SiteB}/credentials/{lenaLike}"), StringComparison.Ordinal);
        var facilitator = await site.SignedIn(DemoAccounts.Facilitator);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.GetAsync($"/sites/{DemoData.SiteA}/credentials/{ownTrainee}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ownClient.GetAsync($"/sites/{DemoData.SiteA}/credentials/{ownTrainee}")).StatusCode);
    }

    [Fact]
    public async Task A_trainee_reads_and_signs_the_code_of_ethics_once_and_My_credentials_links_to_it()
    {
        var (_, id, client) = await NewTraineeAsync(DemoData.SiteB, "Jordan Ellis");
        await ChooseAsync(client, "icrc-pr");
        var credentials = Decoded(await client.GetStringAsync("/my/credentials"));
        Assert.Contains("<a href=\"/my/code-of-ethics/peer-recovery-code-of-ethics\">Read and sign the code of ethics", credentials, StringComparison.Ordinal);

        var page = Decoded(await client.GetStringAsync("/my/code-of-ethics/peer-recovery-code-of-ethics"));
        Assert.Contains("<h1 lang=\"en\" data-content>Peer Recovery Code of Ethics</h1>", page, StringComparison.Ordinal);
        Assert.Contains("I stay in my role", page, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", page, StringComparison.Ordinal);
        var version = site.Services.GetRequiredService<CourseCatalog>().FindCode("peer-recovery-code-of-ethics")!.Version;
        var token = await TokenFrom(client, "/my/code-of-ethics/peer-recovery-code-of-ethics");
        var fields = new Dictionary<string, string> { ["Input.Version"] = version, ["Input.Confirmed"] = "true", ["Input.TypedName"] = "jordan ellis" };

        var signed = await PostWithToken(client, "/my/code-of-ethics/peer-recovery-code-of-ethics", fields, token);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var after = Decoded(await client.GetStringAsync("/my/code-of-ethics/peer-recovery-code-of-ethics"));
        Assert.Contains($"You signed version {version} on ", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign version", after, StringComparison.Ordinal);
        Assert.Contains($"Signed version {version} on ", Decoded(await client.GetStringAsync("/my/credentials")), StringComparison.Ordinal);

        var again = Decoded(await (await PostWithToken(client, "/my/code-of-ethics/peer-recovery-code-of-ethics", fields, token)).Content.ReadAsStringAsync());
        Assert.Contains($"You have already signed version {version} of the Peer Recovery Code of Ethics.", again, StringComparison.Ordinal);
        Assert.Equal(1, await site.Db(db => db.EthicsCodeSignatures.CountAsync(s => s.PersonId == id)));
    }

    [Fact]
    public async Task Signing_the_code_of_ethics_with_bad_input_explains_each_problem_and_saves_nothing()
    {
        var (_, id, client) = await NewTraineeAsync(DemoData.SiteB, "Jordan Ellis");
        const string url = "/my/code-of-ethics/peer-recovery-code-of-ethics";
        var version = site.Services.GetRequiredService<CourseCatalog>().FindCode("peer-recovery-code-of-ethics")!.Version;
        var token = await TokenFrom(client, url);

        var unticked = Decoded(await (await PostWithToken(client, url, new() { ["Input.Version"] = version, ["Input.TypedName"] = "" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"#Input_Confirmed\">Tick the box to confirm the statement.</a>", unticked, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input_TypedName\">Type your full name to sign.</a>", unticked, StringComparison.Ordinal);
        Assert.Contains("id=\"Input_Confirmed\"", unticked, StringComparison.Ordinal);
        var wrongName = Decoded(await (await PostWithToken(client, url, new() { ["Input.Version"] = version, ["Input.Confirmed"] = "true", ["Input.TypedName"] = "Someone" }, token)).Content.ReadAsStringAsync());
        Assert.Contains("Type your full name as it is on your account: Jordan Ellis.", wrongName, StringComparison.Ordinal);
        Assert.Contains("value=\"Someone\"", wrongName, StringComparison.Ordinal);
        var oldVersion = Decoded(await (await PostWithToken(client, url, new() { ["Input.Version"] = "2001.1", ["Input.Confirmed"] = "true", ["Input.TypedName"] = "Jordan Ellis" }, token)).Content.ReadAsStringAsync());
        Assert.Contains($"The code of ethics changed while you were reading it. Read version {version} below, then sign.", oldVersion, StringComparison.Ordinal);
        var unknown = await PostWithToken(client, "/my/code-of-ethics/no-such-code", new() { ["Input.Version"] = version, ["Input.Confirmed"] = "true", ["Input.TypedName"] = "Jordan Ellis" }, token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/my/code-of-ethics/no-such-code")).StatusCode);

        using var noToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Version"] = version, ["Input.Confirmed"] = "true", ["Input.TypedName"] = "Jordan Ellis" });
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(url, noToken)).StatusCode);
        Assert.Equal(0, await site.Db(db => db.EthicsCodeSignatures.CountAsync(s => s.PersonId == id)));

        using var anonymous = site.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(url)).StatusCode);
    }

    private static string WithoutTags(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", "");
}
