using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Certificates.Roster;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Outbox;
using TrainingHub.Features.Shared;
using TrainingHub.Tests.Features.CertificateIssuance;

namespace TrainingHub.Tests.Features.Exports;

/// <summary>
/// The board-ready exports, read back with the libraries a board's or an admin's tools use (CsvHelper, ClosedXML):
/// My hours names the person, the provider and its numbers; the completers roster is in CE Broker's layout.
/// </summary>
public sealed class BoardExportTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Credentials:ProviderNumbers:naadac"] = "NAADAC-77",
        ["Credentials:ProviderNumbers:icrc"] = "ICRC-5",
        ["Credentials:ProviderNumbersFrom:icrc"] = "2024-03-01",
        ["Exports:CourseNumbers:mat"] = "MAT-104",
        ["Exports:CeBroker:ProviderTrackingNumber"] = "50017",
        ["Exports:CeBroker:States:ny-asap-nycb-crpa"] = "NY",
        ["Exports:CeBroker:SubjectAreaCodes:medication-supported-recovery"] = "MSR-1",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes), CsvHelper.CsvReaderOptions.Default with { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "").ToArray());
        return rows;
    }

    private async Task<Enrollment> CompletedMatWithCertificate(string email)
    {
        var enrollment = await MatCompletion.CompleteAsync(_host, email);
        await using var scope = _host.Scope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DispatchOutbox.Command());
        return enrollment;
    }

    private Task RecordLicence(string personId, string credentialId, string number) => _host.Db(async db =>
    {
        db.HeldCredentials.Add(new HeldCredential
        {
            Id = Guid.NewGuid(), PersonId = personId, CredentialId = credentialId, Number = number, AwardedOn = new DateOnly(2025, 1, 1),
            OriginalFileName = "letter.pdf", StoredFileName = "x.pdf", ContentType = "application/pdf", Sha256 = new string('0', 64), RecordedAt = DateTime.UtcNow,
        });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task My_hours_csv_names_the_person_the_provider_its_numbers_and_the_course_number_with_a_row_per_domain_part()
    {
        await MatCompletion.CompleteAsync(_host, DemoAccounts.TraineeB);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        var transcript = await _host.Send(new MyHours.Query(lena));
        var rows = ReadCsv(Csv.FileBytes(MyHours.ToCsv(transcript)));

        Assert.Equal(MyHours.CsvHeadings, rows[0]);
        var lines = rows.Skip(1).ToList();
        Assert.Equal(transcript.Lines.Count, lines.Count);
        Assert.All(lines, r =>
        {
            Assert.Equal("Lena Brooks", r[0]);
            Assert.Equal("icrc ICRC-5 (since 2024-03-01); naadac NAADAC-77", r[2]);
            Assert.Equal("MAT-104", r[3]);
        });
        Assert.False(string.IsNullOrWhiteSpace(lines[0][1]));
        // A lesson split across domains has a row per part, and the parts add up to the course's hours.
        var course = _host.Catalog.Find("mat")!;
        Assert.Contains(course.Lessons, l => l.DomainHours.Count > 1);
        Assert.True(lines.Select(r => r[8]).Distinct().Count() > 1);
        Assert.Equal(course.Hours, lines.Sum(r => decimal.Parse(r[7], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_completers_roster_reads_back_as_csv_and_as_ce_brokers_workbook_with_placeholders_never_invented_numbers()
    {
        await CompletedMatWithCertificate(DemoAccounts.TraineeB);
        var lena = await _host.IdOf(DemoAccounts.TraineeB);
        await RecordLicence(lena, "ny-asap-nycb-crpa", "CRPA-00123");
        var admin = await _host.IdOf(DemoAccounts.Admin);
        var generated = new DateTime(2026, 12, 5, 9, 30, 0, DateTimeKind.Utc);

        await using var scope = _host.Scope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var certificate = await scope.ServiceProvider.GetRequiredService<TrainingHubDb>().Certificates.AsNoTracking().SingleAsync();
        using var csv = new MemoryStream();
        await CourseCompleters.WriteCsvAsync(await sender.Send(new CourseCompleters.Query(admin, "mat")), csv, generated);
        var rows = ReadCsv(csv.ToArray());
        Assert.Equal(CourseCompleters.CsvHeadings, rows[0]);
        var lines = rows.Skip(1).ToList();
        Assert.Equal(lines.Count, lines.Select(r => r[11]).Distinct().Count());          // one partial-credit line per subject area
        Assert.Equal(certificate.Hours, lines.Sum(r => decimal.Parse(r[13], CultureInfo.InvariantCulture)));
        Assert.All(lines, r =>
        {
            Assert.Equal(["Lena Brooks", DemoAccounts.TraineeB, "CRPA-00123", "ny-asap-nycb-crpa", "NY", "[set Exports:CeBroker:ProfessionCodes:ny-asap-nycb-crpa]", "2026-11-20", "MAT-104"], r[..8]);
            Assert.Equal(certificate.Code, r[14]);
            Assert.Equal(["50017", "[set Exports:CeBroker:CourseTrackingNumbers:mat]", "2026-12-05T09:30:00Z"], r[15..]);
        });
        Assert.Contains(lines, r => r[12] == "MSR-1");
        Assert.Contains(lines, r => r[12].StartsWith("[set Exports:CeBroker:SubjectAreaCodes:", StringComparison.Ordinal));

        using var xlsx = new MemoryStream();
        await CeBrokerWorkbook.WriteAsync(await sender.Send(new CourseCompleters.Query(admin, "mat")), xlsx);
        xlsx.Position = 0;
        using var book = new XLWorkbook(xlsx);
        var upload = book.Worksheet(CeBrokerWorkbook.UploadSheet);
        var used = upload.RangeUsed()!;
        Assert.Equal(10, used.ColumnCount());                                               // columns A to J
        Assert.Equal(lines.Count, used.RowCount());                                         // no heading row: CE Broker reads every row
        var first = upload.Row(1);
        Assert.Equal("50017", first.Cell("A").GetString());
        Assert.Equal("[set Exports:CeBroker:CourseTrackingNumbers:mat]", first.Cell("B").GetString());
        Assert.Equal("MAT-104", first.Cell("C").GetString());
        Assert.Equal("", first.Cell("D").GetString());
        Assert.Equal("CRPA-00123", first.Cell("E").GetString());
        Assert.Equal(new DateTime(2026, 11, 20), first.Cell("F").GetDateTime());
        Assert.Equal("State=NY", first.Cell("G").GetString());
        Assert.Equal("Profession=[set Exports:CeBroker:ProfessionCodes:ny-asap-nycb-crpa]", first.Cell("H").GetString());
        Assert.Equal(certificate.Hours, upload.Rows().Sum(r => (decimal)r.Cell("J").GetDouble()));
        Assert.Contains(upload.Rows(), r => r.Cell("I").GetString() == "MSR-1");
        var columns = book.Worksheet(CeBrokerWorkbook.ColumnsSheet);
        Assert.Equal("License number", columns.Cell(6, 2).GetString());                     // CE Broker's own words, as CE Broker writes them
    }

    [Fact]
    public async Task A_completer_without_a_licence_a_revoked_certificate_and_a_formula_name_are_each_handled()
    {
        await CompletedMatWithCertificate(DemoAccounts.TraineeB);
        var terry = await CompletedMatWithCertificate(DemoAccounts.Trainee);
        await _host.Db(async db =>
        {
            var lena = await db.Certificates.SingleAsync(c => c.PersonId != terry.PersonId);
            // A name as an attacker would type it: it must reach a spreadsheet as text, never as a formula.
            // Written past the change tracker (a certificate is never edited through the model), on every provider.
            await db.Certificates.Where(c => c.Id == lena.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.TraineeName, "=HYPERLINK(\"http://evil.example\",\"x\")"));
            var terrys = await db.Certificates.SingleAsync(c => c.PersonId == terry.PersonId);
            db.CertificateRevocations.Add(new CertificateRevocation { Id = Guid.NewGuid(), CertificateId = terrys.Id, Reason = "Issued in error", RevokedById = "x", RevokedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var admin = await _host.IdOf(DemoAccounts.Admin);
        await using var scope = _host.Scope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        using var csv = new MemoryStream();
        await CourseCompleters.WriteCsvAsync(await sender.Send(new CourseCompleters.Query(admin, "mat")), csv, DateTime.UtcNow);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        var lines = ReadCsv(csv.ToArray()).Skip(1).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, r => Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", r[0]));   // the revoked certificate's holder is not listed
        Assert.All(lines, r => Assert.Equal("", r[2]));
        Assert.DoesNotContain(",=", text, StringComparison.Ordinal);

        using var xlsx = new MemoryStream();
        await CeBrokerWorkbook.WriteAsync(await sender.Send(new CourseCompleters.Query(admin, "mat")), xlsx);
        xlsx.Position = 0;
        using var book = new XLWorkbook(xlsx);
        var upload = book.Worksheet(CeBrokerWorkbook.UploadSheet);
        Assert.Equal("[no licence number recorded]", upload.Cell("E1").GetString());
        Assert.DoesNotContain(book.Worksheets.SelectMany(s => s.CellsUsed()), c => c.HasFormula);
    }

    [Fact]
    public async Task An_unknown_course_is_not_found_and_a_coordinator_is_refused_with_the_reason()
    {
        var admin = await _host.IdOf(DemoAccounts.Admin);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => _host.Send(new CourseCompleters.Query(admin, "no-such-course")));
        Assert.Contains("There is no course 'no-such-course'", missing.Message, StringComparison.Ordinal);
        var coordinator = await _host.IdOf(DemoAccounts.Coordinator);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => _host.Send(new CourseCompleters.Query(coordinator, "mat")));
        Assert.Contains("Only the institute can export a course's completers", refused.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => _host.Send(new CourseCompleters.Query(admin, "")));
        Assert.Contains("Choose a course.", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_roster_is_streamed_rows_reach_the_output_while_later_rows_are_still_being_read_from_the_database()
    {
        const int Completers = 3000;
        await _host.Db(async db =>
        {
            var person = await db.Users.SingleAsync(u => u.Email == DemoAccounts.TraineeB);
            var enrollment = new Enrollment { Id = Guid.NewGuid(), PersonId = person.Id, CourseId = "mat", CourseVersion = "2026.1", Status = EnrollmentStatus.Completed, EnrolledAt = DateTime.UtcNow };
            db.Enrollments.Add(enrollment);
            for (var i = 0; i < Completers; i++)
            {
                db.Certificates.Add(new Certificate
                {
                    Id = Guid.NewGuid(), Code = $"CODE{i:D6}", IssueKey = $"bulk/{i}", EnrollmentId = enrollment.Id, PersonId = person.Id, CourseId = "mat",
                    CourseVersion = "2026.1", TraineeName = $"Person {i}", CourseTitle = "MAT", Hours = 4, HoursByDomain = "{\"Medication-Supported Recovery\":4}",
                    CompletedOn = new DateOnly(2026, 1, 1).AddDays(i % 300), DeliveryMode = "Self-paced", InstituteName = "I", ProviderNumbers = "{}",
                    SignatoryName = "S", SignatoryTitle = "T", StatusIndex = i, IssuedAt = DateTime.UtcNow,
                });
            }
            return await db.SaveChangesAsync();
        });
        var admin = await _host.IdOf(DemoAccounts.Admin);
        await using var scope = _host.Scope();
        var roster = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CourseCompleters.Query(admin, "mat"));

        // The query runs as the lines are read, not when the roster is asked for: a certificate issued in between is in it.
        await _host.Db(async db =>
        {
            var c = await db.Certificates.AsNoTracking().FirstAsync();
            c.Id = Guid.NewGuid(); c.Code = "LATECOMER"; c.IssueKey = "bulk/late"; c.CompletedOn = new DateOnly(2027, 6, 1); c.StatusIndex = Completers;
            db.Certificates.Add(c);
            return await db.SaveChangesAsync();
        });

        var output = new CountingStream();
        var rowsOutBeforeLast = -1L;
        var read = 0;
        async IAsyncEnumerable<CourseCompleters.Line> Watched([EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var line in roster.Lines.WithCancellation(ct))
            {
                if (++read == Completers + 1) rowsOutBeforeLast = output.LineBreaks;
                yield return line;
            }
        }
        await CourseCompleters.WriteCsvAsync(roster with { Lines = Watched() }, output, DateTime.UtcNow, flushEvery: 100);

        Assert.Equal(Completers + 1, read);
        Assert.Equal(Completers + 2, output.LineBreaks);                                   // heading, every line, the latecomer
        // When the last line was read, all but the last unflushed hundred were already written out.
        Assert.True(rowsOutBeforeLast >= Completers - 100, $"only {rowsOutBeforeLast} rows were out when the last one was read");
        Assert.True(output.Writes > Completers / 100, $"the output was written {output.Writes} times");
    }

    /// <summary>An output that keeps nothing: it counts the bytes' line breaks and the writes that reached it.</summary>
    private sealed class CountingStream : Stream
    {
        public long LineBreaks { get; private set; }
        public int Writes { get; private set; }
        private long _length;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            _length += buffer.Length;
            LineBreaks += buffer.Count((byte)'\n');
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
