using System.Text.RegularExpressions;

namespace TrainingHub.Content;

internal static partial class LessonParser
{
    private static readonly Dictionary<string, AgendaActivity> Activities = new(StringComparer.Ordinal)
    {
        ["opening"] = AgendaActivity.Opening,
        ["teaching"] = AgendaActivity.Teaching,
        ["discussion"] = AgendaActivity.Discussion,
        ["role-play"] = AgendaActivity.RolePlay,
        ["case-study"] = AgendaActivity.CaseStudy,
        ["closing"] = AgendaActivity.Closing,
    };

    public static Lesson? Parse(CatalogLoader.LoadContext ctx, string path, string text, string courseId, string moduleId)
    {
        var rel = ctx.Relative(path);
        if (FrontMatter.ReadMapping(ctx, path, text) is not { } read) return null;
        var (fm, yaml, map) = read;
        yaml.AllowOnly(map, "id", "title", "hours", "delivery", "objectives", "domains", "agenda", "time");

        var id = yaml.String(map, "id", true);
        if (id is not null)
        {
            if (!CatalogLoader.SlugPattern().IsMatch(id)) yaml.ProblemAt(yaml.Node(map, "id")!, "'id' must use lowercase letters, digits and dashes");
            else if (ctx.LessonIds.TryGetValue(id, out var other)) yaml.ProblemAt(yaml.Node(map, "id")!, $"lesson id '{id}' is already used by {other}");
            else ctx.LessonIds[id] = rel;
        }
        var title = yaml.String(map, "title", true);
        var hours = yaml.Decimal(map, "hours", true);
        CatalogLoader.CheckHours(yaml, map, hours);
        var deliveryText = yaml.String(map, "delivery", true);
        LessonDelivery? delivery = deliveryText switch
        {
            null => null,
            "live" => LessonDelivery.Live,
            "self-paced" => LessonDelivery.SelfPaced,
            _ => null,
        };
        if (deliveryText is not null && delivery is null) yaml.ProblemAt(yaml.Node(map, "delivery")!, $"'delivery' must be 'live' or 'self-paced', not '{deliveryText}'");
        var objectives = yaml.StringList(map, "objectives", true);
        var (domains, split) = Domains(ctx, yaml, map, hours);

        var agenda = new List<AgendaItem>();
        foreach (var item in yaml.MappingList(map, "agenda", false))
        {
            yaml.AllowOnly(item, "minutes", "activity", "title");
            var minutes = yaml.Int(item, "minutes", true);
            var activityText = yaml.String(item, "activity", true);
            var itemTitle = yaml.String(item, "title", true);
            if (minutes is <= 0) yaml.ProblemAt(item, "agenda minutes must be more than 0");
            if (activityText is not null && !Activities.ContainsKey(activityText))
            {
                yaml.ProblemAt(item, $"agenda activity '{activityText}' is not one of: {string.Join(", ", Activities.Keys)}");
            }
            if (minutes is > 0 && activityText is not null && Activities.TryGetValue(activityText, out var activity) && itemTitle is not null)
            {
                agenda.Add(new AgendaItem(minutes.Value, activity, itemTitle));
            }
        }

        SelfPacedTime? time = null;
        if (yaml.Node(map, "time") is { } timeNode)
        {
            if (timeNode is YamlDotNet.RepresentationModel.YamlMappingNode tm)
            {
                yaml.AllowOnly(tm, "reading", "activity", "reflection");
                var reading = yaml.Int(tm, "reading", true);
                var act = yaml.Int(tm, "activity", true);
                var reflection = yaml.Int(tm, "reflection", true);
                if (reading is not null && act is not null && reflection is not null) time = new SelfPacedTime(reading.Value, act.Value, reflection.Value);
            }
            else
            {
                yaml.ProblemAt(timeNode, "'time' must be like { reading: 12, activity: 10, reflection: 8 }");
            }
        }

        var modelAnswer = ModelAnswer(ctx, path, fm, delivery);
        var body = modelAnswer is null ? fm.Body : string.Join('\n', fm.BodyLines.Where((_, i) => i < modelAnswer.Value.Start || i >= modelAnswer.Value.End));
        var words = CountWords(body);
        if (words < CatalogLoader.MinimumLessonWords)
        {
            ctx.Add(path, fm.BodyFirstLine, ProblemKind.Editorial, $"the lesson text has {words} words; a lesson needs at least {CatalogLoader.MinimumLessonWords}");
        }
        if (hours is not null && delivery == LessonDelivery.Live) CheckLive(yaml, map, agenda, hours.Value, time);
        if (hours is not null && delivery == LessonDelivery.SelfPaced) CheckSelfPaced(ctx, path, yaml, map, fm, hours.Value, time, agenda);
        ctx.Language.Check(rel, text, ctx);
        var readingLevel = ReadingLevel.Of(fm.BodyLines);
        if (readingLevel.Grade > ReadingLevel.MaximumGrade)
        {
            ctx.Add(path, fm.BodyFirstLine, ProblemKind.Editorial,
                $"the lesson reads at Flesch-Kincaid {readingLevel}; lessons read at grade {ReadingLevel.MaximumGrade:0} or below: split long sentences, use shorter words");
        }
        ctx.Cast.Check(rel, text, ctx);

        if (id is null || title is null || hours is null || delivery is null || domains.Count == 0) return null;
        return new Lesson(id, courseId, moduleId, title, hours.Value, delivery.Value, objectives, domains, agenda, time,
            MarkdownRenderer.LessonToHtml(body), words, CatalogLoader.Sha256(text))
        {
            DomainHours = split ?? [new DomainPart(domains[0], hours.Value)],
            ModelAnswerHtml = modelAnswer?.Html,
            Reading = readingLevel,
        };
    }

    /// <summary>
    /// The lines of a '## Model answer' section (its heading up to the next '##' heading) and their rendered text. Only a
    /// self-paced lesson may have one, after its '## Activity' heading, with something in it.
    /// </summary>
    private static (int Start, int End, string Html)? ModelAnswer(CatalogLoader.LoadContext ctx, string path, FrontMatter fm, LessonDelivery? delivery)
    {
        var lines = fm.BodyLines;
        var start = Array.FindIndex(lines, l => ModelAnswerHeading().IsMatch(l));
        if (start < 0) return null;
        var line = fm.BodyFirstLine + start;
        if (Array.FindIndex(lines, start + 1, l => ModelAnswerHeading().IsMatch(l)) is var second and >= 0)
        {
            ctx.Add(path, fm.BodyFirstLine + second, ProblemKind.Structure, "a lesson has at most one '## Model answer' section");
        }
        if (delivery != LessonDelivery.SelfPaced)
        {
            ctx.Add(path, line, ProblemKind.Structure, "only a self-paced lesson has a '## Model answer'; a live lesson's expected answers go in its facilitator's guide");
            return null;
        }
        var activity = Array.FindIndex(lines, l => ActivityHeading().IsMatch(l));
        if (activity < 0 || activity > start) ctx.Add(path, line, ProblemKind.Structure, "the '## Model answer' must come after the '## Activity' it answers");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (end < 0) end = lines.Length;
        var answer = string.Join('\n', lines[(start + 1)..end]);
        if (CountWords(answer) == 0)
        {
            ctx.Add(path, line, ProblemKind.Structure, "the '## Model answer' section is empty");
            return null;
        }
        return (start, end, MarkdownRenderer.ToHtml(answer));
    }

    /// <summary>
    /// The lesson's domain tags, and its hours by domain: a list of tags gives every hour to the first; a mapping
    /// (<c>{ advocacy: 0.5, mentoring-education: 0.25 }</c>) splits them, in quarter hours adding up to the lesson's hours.
    /// </summary>
    private static (IReadOnlyList<string> Tags, IReadOnlyList<DomainPart>? Split) Domains(CatalogLoader.LoadContext ctx, YamlFile yaml,
        YamlDotNet.RepresentationModel.YamlMappingNode map, decimal? hours)
    {
        var node = yaml.Node(map, "domains");
        void CheckKnown(string tag)
        {
            if (!ctx.DomainTags.Contains(tag)) yaml.ProblemAt(node!, $"unknown domain '{tag}' (known: {string.Join(", ", ctx.DomainTags.Order())})");
        }
        if (node is not YamlDotNet.RepresentationModel.YamlMappingNode parts)
        {
            var list = yaml.StringList(map, "domains", true);
            foreach (var tag in list) CheckKnown(tag);
            return (list, null);
        }
        var split = new List<DomainPart>();
        foreach (var (key, _) in parts.Children)
        {
            var tag = ((YamlDotNet.RepresentationModel.YamlScalarNode)key).Value ?? "";
            CheckKnown(tag);
            var part = yaml.Decimal(parts, tag, true);
            if (part is null) continue;
            if (part <= 0 || part % 0.25m != 0) yaml.ProblemAt(key, $"the hours of domain '{tag}' must be a positive multiple of 0.25, not {CatalogLoader.Fmt(part.Value)}");
            split.Add(new DomainPart(tag, part.Value));
        }
        if (split.Count == 0) yaml.ProblemAt(node, "'domains' needs at least one domain");
        else if (hours is not null && split.Sum(p => p.Hours) != hours)
        {
            yaml.ProblemAt(node, $"the domain hours add up to {CatalogLoader.Fmt(split.Sum(p => p.Hours))} but the lesson is {CatalogLoader.Fmt(hours.Value)} hours");
        }
        return (split.Select(p => p.Tag).ToList(), split);
    }

    private static void CheckLive(YamlFile yaml, YamlDotNet.RepresentationModel.YamlMappingNode map,
        List<AgendaItem> agenda, decimal hours, SelfPacedTime? time)
    {
        var line = yaml.LineOf(map);
        if (time is not null) yaml.Problem(line, "a live lesson has an 'agenda', not a 'time'", ProblemKind.Editorial);
        if (agenda.Count == 0)
        {
            yaml.Problem(line, "a live lesson needs a facilitator 'agenda' of timed activities", ProblemKind.Editorial);
            return;
        }
        var agendaLine = yaml.LineOf(yaml.Node(map, "agenda")!);
        if (agenda[0].Activity != AgendaActivity.Opening) yaml.Problem(agendaLine, "the agenda must start with an 'opening'", ProblemKind.Editorial);
        if (agenda[^1].Activity != AgendaActivity.Closing) yaml.Problem(agendaLine, "the agenda must end with a 'closing'", ProblemKind.Editorial);
        var minutes = agenda.Sum(a => a.Minutes);
        if (minutes != hours * 60)
        {
            yaml.Problem(agendaLine, $"the agenda adds up to {minutes} minutes but the lesson is {CatalogLoader.Fmt(hours)} hours ({hours * 60:0} minutes)", ProblemKind.Editorial);
        }
    }

    private static void CheckSelfPaced(CatalogLoader.LoadContext ctx, string path, YamlFile yaml, YamlDotNet.RepresentationModel.YamlMappingNode map,
        FrontMatter fm, decimal hours, SelfPacedTime? time, List<AgendaItem> agenda)
    {
        var line = yaml.LineOf(map);
        if (agenda.Count > 0) yaml.Problem(line, "a self-paced lesson has a 'time', not an 'agenda'", ProblemKind.Editorial);
        var activityIndex = Array.FindIndex(fm.BodyLines, l => ActivityHeading().IsMatch(l));
        var reflectionIndex = Array.FindIndex(fm.BodyLines, l => ReflectionHeading().IsMatch(l));
        if (activityIndex < 0) ctx.Add(path, fm.BodyFirstLine, ProblemKind.Editorial, "a self-paced lesson needs an '## Activity' heading");
        if (reflectionIndex < 0) ctx.Add(path, fm.BodyFirstLine, ProblemKind.Editorial, "a self-paced lesson needs a '## Reflection' heading");
        if (time is null)
        {
            yaml.Problem(line, "a self-paced lesson needs 'time: { reading: N, activity: N, reflection: N }' in minutes", ProblemKind.Editorial);
            return;
        }
        var timeLine = yaml.LineOf(yaml.Node(map, "time")!);
        var total = time.Reading + time.Activity + time.Reflection;
        if (total != hours * 60)
        {
            yaml.Problem(timeLine, $"reading, activity and reflection add up to {total} minutes but the lesson is {CatalogLoader.Fmt(hours)} hours ({hours * 60:0} minutes)", ProblemKind.Editorial);
        }
        if (time.Activity < CatalogLoader.MinimumActivityMinutes || time.Reflection < CatalogLoader.MinimumActivityMinutes)
        {
            yaml.Problem(timeLine, $"activity and reflection need at least {CatalogLoader.MinimumActivityMinutes} minutes each", ProblemKind.Editorial);
        }
        if (activityIndex >= 0 && time.Reading > 0)
        {
            var readingWords = CountWords(string.Join('\n', fm.BodyLines[..activityIndex]));
            var perMinute = (decimal)readingWords / time.Reading;
            if (perMinute < CatalogLoader.MinimumWordsPerReadingMinute)
            {
                yaml.Problem(timeLine, $"{time.Reading} reading minutes is not realistic for {readingWords} words of reading: " +
                    $"allow at most {readingWords / CatalogLoader.MinimumWordsPerReadingMinute} minutes, or write more", ProblemKind.Editorial);
            }
            else if (perMinute > CatalogLoader.MaximumWordsPerReadingMinute)
            {
                yaml.Problem(timeLine, $"{time.Reading} reading minutes is too little for {readingWords} words: allow at least {readingWords / CatalogLoader.MaximumWordsPerReadingMinute + 1}", ProblemKind.Editorial);
            }
        }
    }

    public static int CountWords(string text) => WordPattern().Count(text);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^##\s+Model answers?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ModelAnswerHeading();

    [GeneratedRegex(@"^##\s+Activity\b", RegexOptions.IgnoreCase)]
    private static partial Regex ActivityHeading();

    [GeneratedRegex(@"^##\s+Reflection\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReflectionHeading();
}
