using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Sessions;

namespace TrainingHub.Tests.Features.LearningRecord;

public sealed class MyHoursTests
{
    [Fact]
    public async Task The_transcript_totals_net_hours_by_course_domain_and_delivery_and_the_csv_defuses_formulas()
    {
        await using var host = await LearningRecordHost.StartQuickAsync();
        var terry = await host.IdOf(DemoAccounts.Trainee);
        var facilitator = await host.IdOf(DemoAccounts.Facilitator);
        var course = host.CourseOf(LearningRecordHost.RecoveryCoach);
        // Lessons whose hours all count toward one domain, so each credit is one line (split lessons: DomainSplitCreditTests).
        var whole = course.Lessons.Where(l => l.DomainHours.Count == 1).ToList();
        var selfPaced = whole.First(l => l.Delivery == LessonDelivery.SelfPaced && l.PrimaryDomain == "advocacy");
        var inPerson = whole.First(l => l.Delivery == LessonDelivery.Live && l.PrimaryDomain == "mentoring-education");
        var online = whole.Where(l => l.Delivery == LessonDelivery.Live && l.PrimaryDomain == "mentoring-education").ElementAt(1);
        var corrected = whole.First(l => l.Delivery == LessonDelivery.Live && l.PrimaryDomain == "ethical-responsibility");

        async Task<Guid> Attend(Lesson lesson, string? place, string? link)
        {
            var session = await host.Send(new ScheduleSession.Command(facilitator, DemoData.CohortA, lesson.Id, new DateOnly(2027, 1, 19), new TimeOnly(10, 0), place, link));
            await host.ReachStartOfAsync(session);
            await host.Send(new RecordAttendance.Command(facilitator, session, [new RecordAttendance.Mark(terry, true, null, null)], null));
            host.Clock.AdvanceSeconds(60);
            return session;
        }

        await host.ReadToCompletionAsync(terry, selfPaced);
        await Attend(inPerson, "Room 2", null);
        await Attend(online, null, "https://meet.example.org/rc");
        var wrong = await Attend(corrected, "Room 2", null);
        // A correction reason a spreadsheet would run as a formula.
        await host.Send(new RecordAttendance.Command(facilitator, wrong, [new RecordAttendance.Mark(terry, false, null, null)], "=1+1"));

        var transcript = await host.Send(new MyHours.Query(terry));

        Assert.Equal(5, transcript.Lines.Count);
        var expected = selfPaced.Hours + inPerson.Hours + online.Hours;
        Assert.Equal(expected, transcript.Credited);
        Assert.Equal(0m, transcript.Pending);
        Assert.Equal((course.Title, expected, 0m), Single(transcript.ByCourse));
        var byDomain = transcript.ByDomain.ToDictionary(t => t.Name, t => t.Credited);
        Assert.Equal(2, byDomain.Count);                               // the corrected lesson's domain nets to 0 and is left out
        Assert.Equal(selfPaced.Hours, byDomain["Advocacy"]);
        Assert.Equal(inPerson.Hours + online.Hours, byDomain["Mentoring and Education"]);
        var byDelivery = transcript.ByDelivery.ToDictionary(t => t.Name, t => t.Credited);
        Assert.Equal(3, byDelivery.Count);
        Assert.Equal(inPerson.Hours, byDelivery["In person"]);
        Assert.Equal(online.Hours, byDelivery["Live online"]);
        Assert.Equal(selfPaced.Hours, byDelivery["Self-paced"]);
        Assert.Equal(transcript.ByDomain.Select(t => t.Name).Order(StringComparer.CurrentCulture), transcript.ByDomain.Select(t => t.Name));

        var reversal = Assert.Single(transcript.Lines, l => l.Hours < 0);
        Assert.Equal("=1+1", reversal.Reason);
        Assert.Equal(HoursSource.Correction, reversal.Source);
        Assert.Equal(corrected.Title, reversal.LessonTitle);
        Assert.Equal("Ethical Responsibility", reversal.DomainName);

        var csv = MyHours.ToCsv(transcript);
        var rows = csv.Split("\r\n");
        Assert.Equal("Person,Training provider,Provider approval numbers,Course number,Date completed,Course,Lesson,Hours,Domain,Delivery,Source,Status,Correction reason", rows[0]);
        Assert.Equal(7, rows.Length);                                  // header, five lines, and the empty string after the last CRLF
        Assert.Equal("", rows[^1]);
        var reversalRow = Assert.Single(rows, r => r.Contains(",-", StringComparison.Ordinal));
        Assert.EndsWith($",-{corrected.Hours.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)},Ethical Responsibility,In person,Correction,Credited,'=1+1", reversalRow, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.Contains(",=", StringComparison.Ordinal));

        static (string, decimal, decimal) Single(IReadOnlyList<MyHours.Total> totals)
        {
            var t = Assert.Single(totals);
            return (t.Name, t.Credited, t.Pending);
        }
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1:A9)", "'+SUM(A1:A9)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTab first", "'\tTab first")]
    [InlineData("=HYPERLINK(\"http://x.example\",\"y\")", "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\"")]   // defused, then quoted for its comma
    [InlineData("Late, left early", "\"Late, left early\"")]
    [InlineData("Said \"here\"", "\"Said \"\"here\"\"\"")]         // quotes are doubled inside a quoted cell
    [InlineData("-1.5", "-1.5")]                                    // a plain number stays a number
    [InlineData("Marked the wrong person", "Marked the wrong person")]
    [InlineData("", "")]
    public void A_csv_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted_as_text(string reason, string cell)
    {
        var line = new MyHours.Line(new DateOnly(2027, 1, 19), "mat", "MAT", "Overdose prevention", -0.75m, "Medication-Supported Recovery",
            HoursDelivery.InPerson, HoursSource.Correction, HoursStatus.Credited, reason);
        var csv = MyHours.ToCsv(new MyHours.Transcript([line], [], [], []));
        Assert.Equal(
            "Person,Training provider,Provider approval numbers,Course number,Date completed,Course,Lesson,Hours,Domain,Delivery,Source,Status,Correction reason\r\n" +
            $",,,mat,2027-01-19,MAT,Overdose prevention,-0.75,Medication-Supported Recovery,In person,Correction,Credited,{cell}\r\n", csv);
    }

    [Fact]
    public void Titles_are_defused_too_not_only_reasons()
    {
        var line = new MyHours.Line(new DateOnly(2027, 1, 19), "x", "=Course", "@Lesson, part 1", 1m, "+Domain", HoursDelivery.SelfPaced, HoursSource.SeatTime, HoursStatus.Credited, null);
        var row = MyHours.ToCsv(new MyHours.Transcript([line], [], [], [])).Split("\r\n")[1];
        Assert.Equal(",,,x,2027-01-19,'=Course,\"'@Lesson, part 1\",1.00,'+Domain,Self-paced,SeatTime,Credited,", row);
    }
}
