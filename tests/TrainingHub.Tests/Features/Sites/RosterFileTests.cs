using System.Text;
using TrainingHub.Domain;
using TrainingHub.Features.Sites.People;

namespace TrainingHub.Tests.Features.Sites;

public sealed class RosterFileTests
{
    [Fact]
    public void Rows_are_read_with_the_line_they_start_on_even_after_a_quoted_line_break()
    {
        var parsed = RosterFile.Parse("name,email,role\r\n\"Rivera, Alex\",alex@example.org,trainee\r\n\"Chen\nJamie\",jamie@example.org,Supervisor\r\n\r\nKim Lee,kim@example.org,\r\n", 500);
        Assert.Empty(parsed.FileProblems);
        Assert.Equal([2, 3, 6], parsed.Rows.Select(r => r.Line));
        Assert.Equal("Rivera, Alex", parsed.Rows[0].FullName);
        Assert.Equal("Chen\nJamie", parsed.Rows[1].FullName);
        Assert.Equal([Roles.Trainee, Roles.Supervisor, Roles.Trainee], parsed.Rows.Select(r => r.Role));
        Assert.All(parsed.Rows, r => Assert.Null(r.Problem));
    }

    [Fact]
    public void Every_bad_row_names_what_is_wrong_and_the_others_stay_usable()
    {
        var parsed = RosterFile.Parse("Full name,Email address,Role\n,nobody@example.org,\nAna Diaz,not-an-email,trainee\nBo Park,bo@example.org,janitor\nCy Ng,cy@example.org,facilitator\n", 500);
        Assert.Empty(parsed.FileProblems);
        Assert.Equal("The name is missing.", parsed.Rows[0].Problem);
        Assert.Equal("\"not-an-email\" is not an email address like name@example.org.", parsed.Rows[1].Problem);
        Assert.Equal("The role \"janitor\" is not one of trainee, supervisor or facilitator.", parsed.Rows[2].Problem);
        Assert.Null(parsed.Rows[3].Problem);
        Assert.Equal(Roles.Facilitator, parsed.Rows[3].Role);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("\n\n", "The file is empty.")]
    [InlineData("first,last\nAna,Diaz\n", "Line 1: the first line must name the columns, for example name,email,role. There is no name column. There is no email column.")]
    [InlineData("\nname,phone\nAna,555\n", "Line 2: the first line must name the columns, for example name,email,role. There is no email column.")]
    [InlineData("name,email\nAna,\"ana@example.org\nBo,bo@example.org\n", "Line 2: a quote mark (\") is opened but never closed.")]
    [InlineData("name,email\n", "The file has no people after the column names on line 1.")]
    public void A_file_that_cannot_be_read_says_why_and_where(string text, string problem)
    {
        var parsed = RosterFile.Parse(text, 500);
        Assert.StartsWith(problem, Assert.Single(parsed.FileProblems), StringComparison.Ordinal);
        Assert.Empty(parsed.Rows);
    }

    [Fact]
    public void A_file_with_more_rows_than_allowed_is_refused_at_the_first_extra_line()
    {
        var parsed = RosterFile.Parse("name,email\nA,a@example.org\nB,b@example.org\nC,c@example.org\n", 2);
        Assert.Equal("Line 4: the file has more than 2 people. Split it into smaller files.", Assert.Single(parsed.FileProblems));
    }

    [Fact]
    public void Extra_columns_are_listed_as_not_used()
    {
        var parsed = RosterFile.Parse("email,phone,name\nana@example.org,555,Ana Diaz\n", 500);
        Assert.Equal(["phone"], parsed.IgnoredColumns);
        Assert.Equal("Ana Diaz", Assert.Single(parsed.Rows).FullName);
    }

    [Fact]
    public void A_file_is_read_as_utf8_with_or_without_a_byte_order_mark_or_else_as_latin1()
    {
        Assert.Equal("name,email\nJosé", RosterFile.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("name,email\nJosé")]));
        Assert.Equal("José", RosterFile.Decode(Encoding.UTF8.GetBytes("José")));
        Assert.Equal("José", RosterFile.Decode(Encoding.Latin1.GetBytes("José")));
    }

    [Theory]
    [InlineData("ana@example.org", true)]
    [InlineData("o'brien+roster@mail.example.org", true)]
    [InlineData("ana diaz@example.org", false)]
    [InlineData("ana@example", false)]
    [InlineData("@example.org", false)]
    [InlineData("ana@@example.org", false)]
    public void An_email_address_must_be_one_a_person_can_receive_mail_at(string email, bool valid) =>
        Assert.Equal(valid, SiteMembers.IsEmail(email));
}
