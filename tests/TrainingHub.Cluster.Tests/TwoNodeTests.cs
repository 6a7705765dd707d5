using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using TrainingHub.Content;
using TrainingHub.Domain;
using Xunit.Abstractions;

namespace TrainingHub.Cluster.Tests;

/// <summary>
/// The multi-server install as operators run it: nginx round-robin in front of two site processes on one PostgreSQL
/// database. One trainee's requests alternate between the nodes; thirty trainees complete a course at the same moment;
/// one node is killed with SIGKILL while certificates are being issued and e-mailed, and the other finishes the work.
/// Node A sends its mail to an SMTP sink that holds back its "250" for a certificate e-mail, and A is killed while one is
/// held: that message was delivered but A never recorded it as sent, so node B (pickup folder) sends it again after the
/// lease runs out — with the same Message-ID, which is what makes the resend recognizable.
/// </summary>
public sealed partial class TwoNodeTests(ITestOutputHelper output)
{
    private const int Racers = 30;
    private const int Beats = 8;
    private const int LeaseSeconds = 15;
    // Long enough that the test's poll sees the held reply and kills node A well before the sink would answer.
    private static readonly TimeSpan HoldReplyFor = TimeSpan.FromSeconds(10);
    private static readonly string[] BothNodes = ["A", "B"];

    [Fact, Trait(Speed.Trait, Speed.Slow)]
    public async Task Two_nodes_share_sessions_seat_time_files_and_badges_and_a_killed_nodes_certificates_are_finished_once_by_the_other()
    {
        var wall = Stopwatch.StartNew();
        var web = Path.Combine(RepositoryRoot(), "src", "TrainingHub.Web");
        var folder = Directory.CreateTempSubdirectory("traininghub-cluster-").FullName;
        var passed = false;
        try
        {
            await using var database = await ClusterDatabase.CreateAsync(web, Path.Combine(folder, "seed"));
            var course = database.Catalog.Find(ClusterDatabase.CourseId)!;
            var racers = Enumerable.Range(0, Racers).Select(i => $"racer{i}@cluster.traininghub.test").ToList();
            await database.SeedOneQuizFromCompletionAsync(racers, [DemoAccounts.Trainee], DemoAccounts.Password);
            Log($"database {database.Name} ready in {wall.Elapsed.TotalSeconds:F0} s");

            await using var sink = new SmtpSink(HoldReplyFor);
            await using var cluster = await TwoNodeCluster.StartAsync(web, folder, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DataProtection__AllowUnprotectedKeys"] = "true",
                ["Database__Provider"] = "PostgreSql",
                ["Database__ConnectionString"] = database.ConnectionString,
                ["Email__Delivery"] = "PickupFolder",
                ["DemoData__Enabled"] = "true",
                ["Jobs__RunServer"] = "true",
                ["Jobs__OutboxLeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Every sign-in comes from nginx's address: the per-address limit would stop the thirty trainees.
                ["Accounts__RequestsPerMinutePerAddress"] = "100000",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
                ["DOTNET_NOLOGO"] = "1",
            }, onlyA: new Dictionary<string, string>
            {
                ["Email__Delivery"] = "Smtp",
                ["Email__Smtp__Host"] = "127.0.0.1",
                ["Email__Smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email__Smtp__UseStartTls"] = "false",
            });
            Log($"nginx on {cluster.Address} in front of node A ({cluster.A.Address}, mail to the SMTP sink on port {sink.Port}) and node B ({cluster.B.Address}, mail to its pickup folder), started by {wall.Elapsed.TotalSeconds:F0} s");

            await OneTraineeAcrossBothNodesAsync(cluster, database, course);
            Log($"one trainee's journey done by {wall.Elapsed.TotalSeconds:F0} s");

            var kill = await ThirtyCompleteAtOnceAndNodeAIsKilledAsync(cluster, database, course, sink);
            Log($"node A killed by {wall.Elapsed.TotalSeconds:F0} s");

            // The rows node A held come back when their lease runs out, and node B's minutely outbox pass takes them.
            await WaitUntilAllWorkIsDoneAsync(database, TimeSpan.FromSeconds(LeaseSeconds + 60 + 90));
            Log($"node B finished the work by {wall.Elapsed.TotalSeconds:F0} s");
            var held = kill.HeldByA;
            var takenOver = await database.Read(db => db.OutboxMessages.Where(m => held.Contains(m.Id)).ToListAsync());
            Log($"rows node A held when killed, finished by node B after their lease: {string.Join(", ", takenOver.Select(m => $"{m.Kind} (attempt {m.Attempts})"))}");
            Assert.All(takenOver, m => Assert.True(m.ProcessedAt is not null && !m.LeaseOwner!.StartsWith(cluster.A.LeasePrefix, StringComparison.Ordinal),
                $"Outbox {m.Kind} {m.Key}, held by node A when it was killed, was not finished by node B."));

            await AssertExactlyOnceAsync(cluster, database, sink, kill.DeliveredNotMarked, Racers + 1);
            AssertNoErrorsLogged(cluster, kill.At);
            Log($"wall time {wall.Elapsed.TotalSeconds:F0} s");
            passed = true;
        }
        finally
        {
            // A failed run keeps both nodes' logs, mail folders and nginx's logs for a look.
            if (passed) Directory.Delete(folder, recursive: true);
            else Log($"kept {folder}");
        }
    }

    /// <summary>
    /// Sign-in, seat time, a quiz, an uploaded file and a badge, each request landing on whichever node nginx picks: only
    /// what the nodes share through the database (data-protection keys, rows, files' content, signing keys) makes it work.
    /// </summary>
    private async Task OneTraineeAcrossBothNodesAsync(TwoNodeCluster cluster, ClusterDatabase database, Course mat)
    {
        using var terry = new Visitor(cluster);
        // The form's antiforgery token comes from node A; nginx sends the post to either node.
        await terry.SignInAsync(DemoAccounts.Trainee, DemoAccounts.Password, formFrom: cluster.A);
        foreach (var node in cluster.Nodes) await terry.PageAsync("/dashboard", node);
        var personId = await database.Read(db => db.Users.Where(u => u.Email == DemoAccounts.Trainee).Select(u => u.Id).SingleAsync());

        var coach = database.Catalog.Find("recovery-coach")!;
        var lesson = coach.Lessons.First(l => l.Delivery == LessonDelivery.SelfPaced);
        var lessonPath = $"/courses/{coach.Id}/lessons/{lesson.Id}";
        var token = Visitor.Token((await terry.PageAsync(lessonPath)).Body);
        var beats = new List<Visitor.Beat>();
        for (var i = 0; i < Beats; i++)
        {
            if (i > 0) await Task.Delay(TimeSpan.FromSeconds(1.5));
            beats.Add(await terry.HeartbeatAsync(lessonPath, token, Guid.NewGuid(), starting: i == 0));
        }
        // The same beat again, as a retrying phone would send it: answered, never counted twice.
        var replay = await terry.HeartbeatAsync(lessonPath, token, beats[3].Id, starting: false);
        Log($"beats answered by {string.Join(' ', beats.Select(b => b.Node))} (replay by {replay.Node}): {string.Join(' ', beats.Select(b => $"{b.Outcome}/{b.CreditedSeconds}s"))}");
        Assert.All(beats, b => Assert.Equal("Credited", b.Outcome));
        Assert.Equal("Duplicate", replay.Outcome);
        Assert.Equal(BothNodes, beats.Select(b => b.Node).Distinct().Order().ToArray());
        var credited = beats.Sum(b => b.CreditedSeconds);
        Assert.True(credited > 0, "No beat credited any time: the beats were too far apart or refused.");
        var (rows, rowSeconds, beatIds) = await database.Read(async db =>
        {
            var stored = await db.SeatTimeBeats.Where(b => b.PersonId == personId && b.LessonId == lesson.Id).ToListAsync();
            return (stored.Count, stored.Sum(b => b.CreditedSeconds), stored.Select(b => b.Id).ToHashSet());
        });
        var totals = await database.Read(db => db.SeatTimeTotals.AsNoTracking().SingleAsync(t => t.PersonId == personId && t.LessonId == lesson.Id));
        Log($"seat time: {Beats} beats sent, {rows} stored; {credited} s credited in the answers, {rowSeconds} s in the beats, {totals.ActiveSeconds} s in the totals");
        Assert.Equal(Beats, rows);
        Assert.True(beatIds.SetEquals(beats.Select(b => b.Id)), "The stored beats are not the beats that were sent.");
        Assert.Equal(credited, rowSeconds);
        Assert.Equal(credited, totals.ActiveSeconds);

        // The MAT course's last quiz (everything else is in Terry's ledger): the page opens on one node, the answers go to either.
        var quiz = await terry.OpenQuizWithRightAnswersAsync(mat, mat.Modules.Last(m => m.Quiz is not null));
        var submitted = await terry.SubmitAsync(quiz);
        Assert.True(submitted.Status == HttpStatusCode.Redirect, $"The quiz answered {(int)submitted.Status} on node {submitted.Node}");
        var result = await terry.PageAsync(submitted.Location!.OriginalString);
        Assert.Contains("You passed this quiz.", result.Body, StringComparison.Ordinal);

        // An outside certificate uploaded through one node and downloaded again from the other.
        var pdf = TestFiles.PlainPdf($"an outside provider's certificate {Guid.NewGuid()}");
        var form = await terry.PageAsync("/my/outside-training");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(Visitor.Token(form.Body)), "__RequestVerificationToken" },
            { new StringContent("Harbor Light Peer Academy"), "Input.ProviderName" },
            { new StringContent("Naloxone Training"), "Input.CourseTitle" },
            { new StringContent(DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "Input.CompletedOn" },
            { new StringContent("2"), "Input.Hours" },
        };
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        upload.Add(file, "Input.File", "naloxone.pdf");
        var uploaded = await terry.PostAsync("/my/outside-training", upload);
        Assert.True(uploaded.Status == HttpStatusCode.Redirect, $"The upload answered {(int)uploaded.Status} on node {uploaded.Node}");
        var list = await terry.PageAsync("/my/outside-training");
        var fileId = OutsideFileLink().Match(list.Body).Groups[1].Value;
        Assert.NotEqual("", fileId);
        var other = cluster.Nodes.Single(n => n.Name != uploaded.Node);
        var downloaded = await terry.GetAsync($"/my/outside-training?handler=File&id={fileId}", other);
        Assert.Equal(HttpStatusCode.OK, downloaded.Status);
        Assert.Equal(pdf, downloaded.Bytes);
        Log($"outside certificate uploaded through node {uploaded.Node}, downloaded identical from node {other.Name}");

        // The quiz completed the course: its certificate is issued in the background by either node.
        var certificate = await WaitForAsync(() => database.Read(db => db.Certificates.Where(c => c.PersonId == personId && c.CourseId == mat.Id)
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync()), TimeSpan.FromMinutes(2), "Terry's certificate");
        var jwks = new Dictionary<string, string>();
        foreach (var node in cluster.Nodes) jwks[node.Name] = (await terry.PageAsync("/.well-known/jwks.json", node)).Body;
        Assert.Equal(jwks["A"], jwks["B"]);
        foreach (var node in cluster.Nodes)
        {
            // The PDF from each node also readies both nodes' PDF drawing, so either may e-mail certificates in the race below.
            var certificatePdf = await terry.PageAsync($"/my/certificates?handler=Pdf&id={certificate}", node);
            Assert.True(certificatePdf.Bytes.AsSpan().StartsWith("%PDF-"u8), $"The certificate from node {node.Name} is not a PDF.");
            var badge = await terry.PageAsync($"/my/certificates?handler=Badge&id={certificate}", node);
            foreach (var keys in jwks.Values) Assert.True(BadgeVerifies(badge.Body.Trim(), keys), $"The badge from node {node.Name} does not verify with the published keys.");
        }
        Log($"JWK set identical on both nodes ({JsonDocument.Parse(jwks["A"]).RootElement.GetProperty("keys").GetArrayLength()} key(s)); PDFs and badges from both, badges verify");
        Log($"Terry's requests through nginx were answered by: {string.Join(' ', terry.Served)}");
        Assert.Equal(BothNodes, terry.Served.Distinct().Order().ToArray());
    }

    /// <summary>
    /// Thirty trainees, each one quiz from completing the MAT course, submit it at the same moment through nginx; once every
    /// submission has answered, node A is killed while the SMTP sink holds back its reply to a certificate e-mail: delivered,
    /// and not yet recorded as sent.
    /// </summary>
    private async Task<(DateTime At, IReadOnlyList<Guid> HeldByA, IReadOnlyList<string> DeliveredNotMarked)> ThirtyCompleteAtOnceAndNodeAIsKilledAsync(
        TwoNodeCluster cluster, ClusterDatabase database, Course mat, SmtpSink sink)
    {
        var lastQuiz = mat.Modules.Last(m => m.Quiz is not null);
        var visitors = Enumerable.Range(0, Racers).Select(_ => new Visitor(cluster)).ToList();
        try
        {
            var quizzes = new Visitor.OpenQuiz[Racers];
            await Parallel.ForEachAsync(Enumerable.Range(0, Racers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                await visitors[i].SignInAsync($"racer{i}@cluster.traininghub.test", DemoAccounts.Password);
                quizzes[i] = await visitors[i].OpenQuizWithRightAnswersAsync(mat, lastQuiz);
            });
            sink.Hold();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var submissions = Enumerable.Range(0, Racers).Select(async i =>
            {
                await go.Task;
                return await visitors[i].SubmitAsync(quizzes[i]);
            }).ToList();
            var fired = Stopwatch.StartNew();
            go.SetResult();
            var answers = await Task.WhenAll(submissions);
            Log($"{Racers} last quizzes submitted at once: answered in {fired.Elapsed.TotalSeconds:F1} s, node A {answers.Count(a => a.Node == "A")}, node B {answers.Count(a => a.Node == "B")}");
            Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Redirect && a.Location!.OriginalString.StartsWith("/quiz-results/", StringComparison.Ordinal),
                $"A submission answered {(int)a.Status} {a.Location} on node {a.Node}"));
            Assert.Equal(BothNodes, answers.Select(a => a.Node).Distinct().Order().ToArray());
        }
        finally
        {
            foreach (var visitor in visitors) visitor.Dispose();
        }

        // Kill A in the window between handing a certificate e-mail over and marking its outbox row done: the sink has the
        // message and holds its "250", so A is stuck there. The window is reached whenever A takes any certificate e-mail
        // (A dispatches its own completions' work right after each commit), so a run that never reaches it is a failure here,
        // not a retry: passing without the resend would prove nothing about it.
        var until = DateTime.UtcNow.AddMinutes(2);
        var prefix = cluster.A.LeasePrefix;
        while (true)
        {
            if (sink.Held > 0)
            {
                var now = DateTime.UtcNow;
                cluster.A.Kill();
                var (emailed, certificates, pending, _) = await OutboxStateAsync(database);
                var heldByA = await database.Read(db => db.OutboxMessages.Where(m => m.ProcessedAt == null && m.LeasedUntil > now && m.LeaseOwner!.StartsWith(prefix))
                    .Select(m => m.Id).ToListAsync());
                var deliveredNotMarked = sink.Messages.Where(m => m.Held).Select(m => m.MessageId).ToList();
                Log($"SIGKILL to node A while the sink held its reply to {deliveredNotMarked.Count} delivered certificate e-mail(s); {certificates} certificates issued, " +
                    $"{emailed} e-mailed, {pending} outbox rows not done, {heldByA.Count} of them held by node A");
                Assert.NotEmpty(heldByA);
                return (now, heldByA, deliveredNotMarked);
            }
            var state = await OutboxStateAsync(database);
            Assert.True(state.Pending > 0, $"All work was done ({state.Certificates} certificates) and node A never handed a certificate e-mail to the sink: " +
                "the window between delivering an e-mail and marking it sent was not reached.");
            Assert.True(DateTime.UtcNow < until, "Node A handed no certificate e-mail to the SMTP sink within 2 minutes of the completions: " +
                "the window between delivering an e-mail and marking it sent was not reached.");
            await Task.Delay(25);
        }
    }

    private static Task<(int Emailed, int Certificates, int Pending, int Leased)> OutboxStateAsync(ClusterDatabase database) => database.Read(async db =>
    {
        var now = DateTime.UtcNow;
        var emailed = await db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.CertificateEmail && m.ProcessedAt != null);
        var certificates = await db.Certificates.CountAsync();
        var pending = await db.OutboxMessages.CountAsync(m => m.ProcessedAt == null);
        var leased = await db.OutboxMessages.CountAsync(m => m.ProcessedAt == null && m.LeasedUntil > now);
        return (emailed, certificates, pending, leased);
    });

    private async Task WaitUntilAllWorkIsDoneAsync(ClusterDatabase database, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var reported = DateTime.UtcNow;
        while (true)
        {
            var (emailed, certificates, pending, leased) = await OutboxStateAsync(database);
            var gaveUp = await database.Read(db => db.OutboxMessages.CountAsync(m => m.GaveUpAt != null));
            Assert.True(gaveUp == 0, $"{gaveUp} outbox rows were given up.");
            if (pending == 0 && certificates == Racers + 1) return;
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"After {timeout.TotalSeconds:F0} s: {certificates} certificates, {emailed} e-mailed, {pending} outbox rows not done ({leased} leased).");
            }
            if (DateTime.UtcNow - reported > TimeSpan.FromSeconds(10))
            {
                Log($"  waiting: {certificates} certificates, {emailed} e-mailed, {pending} outbox rows not done ({leased} leased)");
                reported = DateTime.UtcNow;
            }
            await Task.Delay(500);
        }
    }

    private async Task AssertExactlyOnceAsync(TwoNodeCluster cluster, ClusterDatabase database, SmtpSink sink, IReadOnlyList<string> deliveredNotMarked, int completions)
    {
        var mat = ClusterDatabase.CourseId;
        var (completed, perEnrollment, certificateRows, certificatePeople) = await database.Read(async db =>
        {
            var completedIds = await db.Enrollments.Where(e => e.CourseId == mat && e.Status == EnrollmentStatus.Completed).Select(e => e.Id).ToListAsync();
            var certificates = await db.Certificates.Where(c => c.CourseId == mat).Select(c => new { c.EnrollmentId, c.PersonId }).ToListAsync();
            return (completedIds, certificates.GroupBy(c => c.EnrollmentId).ToDictionary(g => g.Key, g => g.Count()), certificates.Count,
                certificates.Select(c => c.PersonId).ToHashSet());
        });
        var outbox = await database.Read(db => db.OutboxMessages.AsNoTracking().ToListAsync());

        var emails = cluster.Nodes.SelectMany(n => Directory.Exists(n.MailFolder) ? Directory.GetFiles(n.MailFolder, "*.eml") : []).ToList();
        var unreadable = 0;
        // Node A's mail is what the sink received; node B's is its pickup folder (node A's folder stays empty).
        var messages = sink.Messages.Select(m => (m.MessageId, m.Subject, m.To)).ToList();
        foreach (var file in emails)
        {
            try
            {
                var message = MimeMessage.Load(file);
                if (message.Body is null || message.MessageId is null) unreadable++;
                else messages.Add((message.MessageId, message.Subject ?? "", message.To.Mailboxes.Single().Address));
            }
            catch (FormatException)
            {
                unreadable++;
            }
        }
        var halfWritten = cluster.Nodes.Sum(n => Directory.Exists(n.MailFolder) ? Directory.GetFiles(n.MailFolder, "*.writing").Length : 0);
        var certificateMails = messages.Where(m => m.Subject.StartsWith("Your certificate", StringComparison.Ordinal)).ToList();
        var distinct = certificateMails.Select(m => m.MessageId).Distinct().Count();
        // The same message delivered again (same Message-ID): the resend after the kill, recognizable and droppable.
        var resent = certificateMails.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        // A copy under a NEW Message-ID of a certificate e-mail already sent: a real duplicate nobody could recognize.
        var duplicates = certificateMails.GroupBy(m => (m.To.ToLowerInvariant(), m.Subject)).Sum(g => g.Select(m => m.MessageId).Distinct().Count() - 1);
        var perNode = $"node A smtp {sink.Messages.Count}, " + string.Join(", ", cluster.Nodes.Select(n => $"node {n.Name} folder {(Directory.Exists(n.MailFolder) ? Directory.GetFiles(n.MailFolder, "*.eml").Length : 0)}"));
        Log($"RESULT completions={completed.Count} certificates={certificateRows} certificate_emails={certificateMails.Count} distinct_message_ids={distinct} " +
            $"resent_same_message_id={resent.Count} duplicate_emails={duplicates} unreadable_emails={unreadable} cut_off_by_the_kill={halfWritten} " +
            $"outbox_rows={outbox.Count} outbox_done={outbox.Count(m => m.ProcessedAt != null)} ({perNode})");

        Assert.Equal(completions, completed.Count);
        Assert.Equal(completions, certificateRows);
        Assert.True(completed.All(id => perEnrollment.GetValueOrDefault(id) == 1), "A completed enrolment has no certificate, or more than one.");
        Assert.All(outbox, m => Assert.True(m.ProcessedAt is not null && m.GaveUpAt is null, $"Outbox {m.Kind} {m.Key} was not done: {m.LastError}"));
        Assert.Equal(completions, outbox.Count(m => m.Kind == OutboxKind.CertificateRequest));
        Assert.Equal(completions, outbox.Count(m => m.Kind == OutboxKind.CertificateEmail));
        Assert.Equal(0, unreadable);
        Assert.Equal(completions, distinct);
        Assert.True(duplicates == 0, $"{duplicates} certificate e-mails were sent again under a new Message-ID: a resend nobody can recognize as the same message.");
        Assert.True(resent.Count > 0, "No certificate e-mail was delivered twice: the kill did not land between delivery and marking the row done.");
        Assert.All(deliveredNotMarked, id => Assert.True(resent.Contains(id),
            $"The certificate e-mail {id}, delivered by node A just before it was killed, was not sent again by node B with the same Message-ID."));
        var emailOf = await database.Read(db => db.Users.Where(u => certificatePeople.Contains(u.Id)).Select(u => u.Email!).ToListAsync());
        Assert.True(emailOf.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(certificateMails.Select(m => m.To)),
            "The certificate e-mails did not go one to each person with a certificate.");
    }

    /// <summary>
    /// No error or critical line in either node's log. Node A's log ends where the SIGKILL cut it; node B logs nothing at
    /// error level for taking over (a lease that ran out is ordinary work).
    /// </summary>
    private void AssertNoErrorsLogged(TwoNodeCluster cluster, DateTime killedAt)
    {
        foreach (var node in cluster.Nodes)
        {
            var lines = node.Log().Split('\n');
            var errors = lines.Where(l => ErrorLine().IsMatch(l)).ToList();
            var warnings = lines.Where(l => l.Contains("warn: ", StringComparison.Ordinal)).ToList();
            Log($"node {node.Name}: {errors.Count} error lines, {warnings.Count} warnings{(node.Killed ? $" (killed at {killedAt:HH:mm:ss.fff})" : "")}");
            // Slow-request warnings are expected on a shared two-core machine; any other warning is worth a look in the output.
            foreach (var warning in warnings.Where(w => !w.Contains("which is slow", StringComparison.Ordinal)).Take(10)) Log($"  {warning}");
            Assert.True(errors.Count == 0, $"node {node.Name} logged errors:\n{string.Join('\n', errors.Take(20))}");
        }
    }

    private static bool BadgeVerifies(string jwt, string jwkSet)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return false;
        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        var kid = header.RootElement.GetProperty("kid").GetString();
        using var keys = JsonDocument.Parse(jwkSet);
        var jwk = keys.RootElement.GetProperty("keys").EnumerateArray().SingleOrDefault(k => k.GetProperty("kid").GetString() == kid);
        if (jwk.ValueKind == JsonValueKind.Undefined) return false;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url(jwk.GetProperty("x").GetString()!), Y = Base64Url(jwk.GetProperty("y").GetString()!) },
        });
        return header.RootElement.GetProperty("alg").GetString() == "ES256"
            && key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url(parts[2]), HashAlgorithmName.SHA256);
    }

    private static byte[] Base64Url(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read, TimeSpan timeout, string what) where T : struct
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await read() is { } value) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} did not appear within {timeout.TotalSeconds:F0} s.");
            await Task.Delay(250);
        }
    }

    private void Log(string line)
    {
        output.WriteLine(line);
        // Also on the console, so a run shows its progress and the result line as it goes.
        Console.Error.WriteLine($"[cluster] {line}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TrainingHub.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("TrainingHub.sln was not found above the test's folder.");
    }

    [GeneratedRegex("handler=File&amp;id=([0-9a-f-]{36})")]
    private static partial Regex OutsideFileLink();

    [GeneratedRegex(@"^(\S+ )?(fail|crit): ")]
    private static partial Regex ErrorLine();
}
