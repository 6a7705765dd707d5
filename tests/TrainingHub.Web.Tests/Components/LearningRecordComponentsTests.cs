using Microsoft.Extensions.DependencyInjection;
using Bunit;
using TrainingHub.Content;
using TrainingHub.Features.LearningRecord;
using TrainingHub.Features.Quizzes;
using TrainingHub.Web.Components;

namespace TrainingHub.Web.Tests.Components;

public sealed class ProgressRingTests : BunitContext
{
    public ProgressRingTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Theory]
    [InlineData(0, 30, 0)]
    [InlineData(7.5, 30, 25)]
    [InlineData(29.99, 30, 99)]
    [InlineData(30, 30, 100)]
    [InlineData(40, 30, 100)]
    [InlineData(1, 0, 0)]
    public void Shows_the_share_done_in_words_and_in_the_ring(decimal done, decimal total, int percent)
    {
        var ring = Render<ProgressRing>(p => p.Add(c => c.Done, done).Add(c => c.Total, total));
        Assert.Equal(percent, ring.Instance.Percent);
        Assert.Equal($"{percent}%", ring.Find("text").TextContent);
        Assert.StartsWith($"{percent}% done: ", ring.Find("figure").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal($"{done:0.##} of {total:0.##} hours", ring.Find("figcaption").TextContent);
    }
}

public sealed class HoursByDomainTableTests : BunitContext
{
    public HoursByDomainTableTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Fact]
    public void Lists_credited_and_pending_hours_per_domain_with_a_total()
    {
        var table = Render<HoursByDomainTable>(p => p.Add(c => c.Rows, new List<MyHours.Total>
        {
            new("Advocacy", 4.5m, 0m),
            new("Ethical Responsibility", 12m, 3m),
        }));
        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Advocacy", rows[0].QuerySelector("th")!.TextContent);
        Assert.Equal("4.5", rows[0].QuerySelectorAll("td")[0].TextContent);
        Assert.Equal("–", rows[0].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("3", rows[1].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("16.5", table.Find("tfoot td").TextContent);
    }

    [Fact]
    public void Says_so_when_there_are_no_hours()
    {
        var table = Render<HoursByDomainTable>(p => p.Add(c => c.Rows, new List<MyHours.Total>()));
        Assert.Equal("No hours yet.", table.Find("tbody td").TextContent);
        Assert.Empty(table.FindAll("tfoot"));
    }
}

public sealed class QuizQuestionFieldTests : BunitContext
{
    public QuizQuestionFieldTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    private static StartQuizAttempt.QuestionView Question(QuestionType type) =>
        new("q1", type, "<p>Which of these fit a coach's role?</p>", [new(2, "Listening"), new(0, "Diagnosing"), new(1, "Linking to support")]);

    [Fact]
    public void A_single_choice_question_offers_radio_buttons_with_labels()
    {
        var q = Render<QuizQuestionField>(p => p.Add(c => c.Question, Question(QuestionType.Single)).Add(c => c.Number, 2).Add(c => c.Count, 6));
        var inputs = q.FindAll("input");
        Assert.All(inputs, i => Assert.Equal("radio", i.GetAttribute("type")));
        Assert.All(inputs, i => Assert.Equal("answers[q1]", i.GetAttribute("name")));
        Assert.Equal(["2", "0", "1"], inputs.Select(i => i.GetAttribute("value")));
        Assert.Equal("Listening", q.Find($"label[for='{inputs[0].Id}']").TextContent);
        Assert.Contains("Question 2 of 6", q.Find("legend").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_multiple_select_question_offers_checkboxes_and_says_choose_all()
    {
        var q = Render<QuizQuestionField>(p => p.Add(c => c.Question, Question(QuestionType.Multiple)).Add(c => c.Selected, new[] { 1 }));
        Assert.All(q.FindAll("input"), i => Assert.Equal("checkbox", i.GetAttribute("type")));
        Assert.Contains("choose all that apply", q.Find("legend").TextContent, StringComparison.Ordinal);
        Assert.True(q.Find("input[value='1']").HasAttribute("checked"));
        Assert.False(q.Find("input[value='0']").HasAttribute("checked"));
    }

    [Fact]
    public void An_error_is_shown_inside_the_question_and_linked_for_screen_readers()
    {
        var q = Render<QuizQuestionField>(p => p.Add(c => c.Question, Question(QuestionType.Single)).Add(c => c.Error, "Question 1 has no answer."));
        Assert.Equal("Question 1 has no answer.", q.Find(".field-error").TextContent);
        Assert.Equal(q.Find(".field-error").Id, q.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.DoesNotContain("correct", q.Markup, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class BarChartTests : BunitContext
{
    public BarChartTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Fact]
    public void Draws_one_bar_per_value_scaled_to_the_largest_and_reads_them_all_out()
    {
        var chart = Render<BarChart>(p => p.Add(c => c.Id, "c").Add(c => c.Title, "Hours by site").Add(c => c.Bars,
            new List<BarChart.Bar> { new("Elm Street", 10m, "10 h"), new("Oak Clinic", 5m, "5 h") }));
        Assert.Equal(2, chart.FindAll("g").Count);
        var bars = chart.FindAll("rect[fill='#0b5c7a']").Select(r => r.GetAttribute("width")).ToList();
        Assert.Equal(["330", "165"], bars);
        Assert.Equal("Elm Street: 10 h; Oak Clinic: 5 h.", chart.Find("desc").TextContent);
    }

    [Fact]
    public void With_no_bars_says_so_in_a_sentence_instead_of_an_empty_picture()
    {
        var chart = Render<BarChart>(p => p.Add(c => c.Id, "c").Add(c => c.Title, "Hours by domain").Add(c => c.Bars, new List<BarChart.Bar>())
            .Add(c => c.NoData, "No data yet."));
        Assert.Empty(chart.FindAll("svg"));
        Assert.Equal("Hours by domain: No data yet.", chart.Find("p").TextContent);
    }

    [Fact]
    public void Bars_at_zero_are_drawn_with_their_labels_and_no_length()
    {
        var chart = Render<BarChart>(p => p.Add(c => c.Id, "c").Add(c => c.Title, "Hours by site").Add(c => c.Bars,
            new List<BarChart.Bar> { new("Elm Street", 0m, "0 h"), new("Oak Clinic", 0m, "0 h") }));
        Assert.Equal(2, chart.FindAll("g").Count);
        Assert.All(chart.FindAll("rect[fill='#0b5c7a']"), r => Assert.Equal("0", r.GetAttribute("width")));
    }
}
