using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace TrainingHub.Content;

/// <summary>The one Markdig pipeline: raw HTML is off, so nothing in a markdown file can inject markup.</summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    /// <summary>Renders a lesson body; a leading "# Title" is dropped because the lesson page already shows the title as its heading.</summary>
    public static string LessonToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        if (document.Count > 0 && document[0] is HeadingBlock { Level: 1 }) document.RemoveAt(0);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }
}
