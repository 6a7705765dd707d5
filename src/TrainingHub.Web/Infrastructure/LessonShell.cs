using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Domain;
using TrainingHub.Features.Catalog;
using TrainingHub.Web.Pages.Shared;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The self-paced lesson page, what trainees open most, without running Razor on every request
/// (docs/benchmarks.md, "Read paths"). The page's markup stays in Razor: the first time a shape of the page is asked for
/// (one lesson, language and role, and which of its person-dependent blocks show), Razor renders it as always, with each
/// person-dependent value written as a marked slot (<see cref="Slot"/>); that answer is sent with the values Razor
/// computed, and kept as a template. Later requests of the same shape read the person's record (the same
/// <see cref="GetLesson"/> query the page uses), compute the same values with the same functions, and write the template
/// with them. Anything else (staff, several roles, a live lesson, a query string, a message waiting in TempData, a
/// person not enrolled) goes to the Razor page.
/// A template is used only after Razor has rendered its shape for two different people with the same markup around the
/// slots: a person-dependent value that a future edit writes without <see cref="Slot"/> differs between two people, and
/// the shape then stays with Razor (with a warning in the log) instead of showing one person's value to another.
/// </summary>
public sealed partial class LessonShell(IOptions<LessonShell.Options> options, ILogger<LessonShell> logger)
{
    public sealed class Options
    {
        /// <summary>Off: every lesson page is rendered by Razor (the templates are an optimization only).</summary>
        public bool Enabled { get; set; } = true;
    }

    public const string CaptureKey = "TrainingHub.LessonShell.Capture";

    private const byte SlotStart = 0x01, SlotEnd = 0x02;

    /// <summary>Templates, one per catalog (a reloaded catalog starts afresh) and shape; bounded by the lessons × languages × shapes.</summary>
    private readonly ConditionalWeakTable<CourseCatalog, ConcurrentDictionary<Shape, Entry>> templates = new();

    /// <summary>A template made from one person's page, confirmed by a second person's, or refused.</summary>
    private sealed record Entry(Template Template, string FirstPerson, bool Confirmed, bool Refused);

    public bool Enabled => options.Value.Enabled;

    /// <summary>Forgets every template (tests use it to compare a page Razor renders with the same page from its template).</summary>
    public void Clear() => templates.Clear();

    private long served;

    /// <summary>How many pages were served from a template since the start (for tests and the benchmark's check).</summary>
    public long Served => Interlocked.Read(ref served);

    private sealed record Shape(string CourseId, string LessonId, string Language, bool Complete, bool HasNote, bool HasEarlier);

    /// <summary>The page in parts: literal UTF-8 bytes, and the names of the slots between them.</summary>
    internal sealed record Template(IReadOnlyList<byte[]> Literals, IReadOnlyList<string> Slots, int LiteralBytes)
    {
        public bool SameAs(Template other) => Slots.SequenceEqual(other.Slots, StringComparer.Ordinal)
            && Literals.Count == other.Literals.Count && Literals.Zip(other.Literals).All(p => p.First.AsSpan().SequenceEqual(p.Second));
    }

    /// <summary>What Razor wrote in each slot, in order, while a template was being made.</summary>
    public sealed class Capture
    {
        public List<(string Name, string Value)> Slots { get; } = [];
    }

    /// <summary>The slots the template path knows how to fill (<see cref="Values"/>); a page with any other is not kept.</summary>
    private static readonly HashSet<string> KnownSlots = ["status", "progress", "left", "note", "note-id", "earlier", "token"];

    /// <summary>Writes a person-dependent value: HTML-encoded as Razor would, or as a marked slot while a template is made.</summary>
    public static IHtmlContent Slot(IHtmlHelper html, string name, string? value)
    {
        var context = html.ViewContext.HttpContext;
        var encoded = context.RequestServices.GetRequiredService<HtmlEncoder>().Encode(value ?? "");
        if (context.Items[CaptureKey] is not Capture capture) return new HtmlString(encoded);
        capture.Slots.Add((name, encoded));
        return new HtmlString($"\u0001{capture.Slots.Count - 1}\u0002");
    }

    /// <summary>The slots' values for a person's reading of a lesson: the same functions the page's partials call.</summary>
    internal static Dictionary<string, string> Values(GetLesson.Result view, SeatTimeView seatTime, IStringLocalizer l, HtmlEncoder encoder)
    {
        var record = seatTime.Record;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["status"] = encoder.Encode(seatTime.Status(l)),
            ["progress"] = encoder.Encode(seatTime.ProgressValue.ToString(System.Globalization.CultureInfo.CurrentCulture)),
            ["left"] = encoder.Encode(seatTime.Left(l)),
            ["note"] = encoder.Encode(record.NoteText ?? ""),
        };
        if (record.NoteId is { } noteId) values["note-id"] = encoder.Encode(noteId.ToString());
        if (view.PreviousIncomplete is { } earlier) values["earlier"] = encoder.Encode(SeatTimeView.EarlierText(l, earlier));
        return values;
    }

    /// <summary>Serves the lesson page from its template when it can; otherwise the Razor page answers.</summary>
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!Enabled || !HttpMethods.IsGet(context.Request.Method) || context.Request.QueryString.HasValue
            || context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not { ViewEnginePath: "/Courses/Lesson" }
            || context.Request.Cookies.ContainsKey(TempDataCookie(context))
            || !OnlyTrainee(context.User)
            || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } personId)
        {
            await next();
            return;
        }
        var services = context.RequestServices;
        var catalog = services.GetRequiredService<CourseCatalog>();
        var courseId = context.Request.RouteValues["courseId"] as string ?? "";
        var lessonId = context.Request.RouteValues["lessonId"] as string ?? "";
        var lesson = catalog.FindLesson(courseId, lessonId);
        // Only the lesson's own address (the layout writes the path back in the language switch), self-paced, published.
        if (lesson is not { Delivery: LessonDelivery.SelfPaced } || catalog.Find(courseId) is not { Published: true } course
            || context.Request.Path.Value != $"/courses/{course.Id}/lessons/{lesson.Id}")
        {
            await next();
            return;
        }

        GetLesson.Result view;
        try
        {
            view = await services.GetRequiredService<GetLesson.Handler>().Handle(new GetLesson.Query(course.Id, lesson.Id, personId, Staff: false), context.RequestAborted);
        }
        catch (Exception e) when (e is Features.Shared.ForbiddenException or Features.Shared.NotFoundException)
        {
            await next(); // the page says why, as it always has
            return;
        }
        if (view.Record is not { } record)
        {
            await next();
            return;
        }
        var seatTime = new SeatTimeView(record, view.Lesson.Hours, HeartbeatUrl: ""); // the address is in the template
        var shape = new Shape(course.Id, lesson.Id, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, seatTime.Complete, record.NoteId is not null, view.PreviousIncomplete is not null);
        var byShape = templates.GetValue(catalog, _ => new ConcurrentDictionary<Shape, Entry>());
        var antiforgery = services.GetRequiredService<IAntiforgery>();
        byShape.TryGetValue(shape, out var entry);
        if (entry is { Confirmed: true })
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var values = Values(view, seatTime, services.GetRequiredService<IStringLocalizer<SharedResource>>(), services.GetRequiredService<HtmlEncoder>());
            values["token"] = tokens.RequestToken!;
            await WriteAsync(context, entry.Template, values);
            Interlocked.Increment(ref served);
            return;
        }
        if (entry is { Refused: true })
        {
            await next();
            return;
        }

        // Razor renders this shape; its answer becomes the template.
        var capture = new Capture();
        context.Items[CaptureKey] = capture;
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = body;
            context.Items.Remove(CaptureKey);
        }
        var page = buffer.ToArray();
        if (page.Length == 0) return; // nothing written (a redirect, an error page still to come): as the page left it
        var token = antiforgery.GetAndStoreTokens(context).RequestToken;
        var made = context.Response.StatusCode == StatusCodes.Status200OK && token is not null ? Make(page, capture.Slots, token) : null;
        if (made is not null)
        {
            if (entry is null) byShape.TryAdd(shape, new Entry(made, personId, Confirmed: false, Refused: false));
            else if (entry.FirstPerson != personId)
            {
                var same = entry.Template.SameAs(made);
                if (!same) Refused(logger, shape.CourseId, shape.LessonId, shape.Language);
                byShape.TryUpdate(shape, entry with { Confirmed = same, Refused = !same }, entry);
            }
        }
        // Sent as Razor wrote it, each slot with the value Razor computed.
        var filled = Fill(page, capture.Slots);
        context.Response.ContentLength = filled.Length;
        await context.Response.Body.WriteAsync(filled, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lesson page {CourseId}/{LessonId} ({Language}) differed between two people outside its slots; it stays rendered by Razor. A person-dependent value on it is written without Html.Slot.")]
    private static partial void Refused(ILogger logger, string courseId, string lessonId, string language);

    /// <summary>The cookie a message for the next page (TempData, "Your note is saved") waits in, as MVC names it.</summary>
    private static string TempDataCookie(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>>().Value.Cookie.Name!;

    private static bool OnlyTrainee(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        var roles = 0;
        foreach (var claim in user.FindAll(ClaimTypes.Role))
        {
            if (claim.Value != Roles.Trainee) return false;
            roles++;
        }
        return roles == 1;
    }

    private static async Task WriteAsync(HttpContext context, Template template, IReadOnlyDictionary<string, string> values)
    {
        var length = template.LiteralBytes;
        var slotBytes = new byte[template.Slots.Count][];
        for (var i = 0; i < template.Slots.Count; i++)
        {
            slotBytes[i] = Encoding.UTF8.GetBytes(values.TryGetValue(template.Slots[i], out var v) ? v : "");
            length += slotBytes[i].Length;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = length;
        var writer = context.Response.BodyWriter;
        for (var i = 0; i < template.Literals.Count; i++)
        {
            writer.Write(template.Literals[i]);
            if (i < slotBytes.Length) writer.Write(slotBytes[i]);
        }
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// Splits Razor's answer at its slot markers and at the antiforgery token; null when it holds anything unexpected (a
    /// slot the template path cannot fill, one name written with two values, a stray marker byte).
    /// </summary>
    internal static Template? Make(byte[] page, IReadOnlyList<(string Name, string Value)> written, string token)
    {
        if (written.Any(w => !KnownSlots.Contains(w.Name)) || written.GroupBy(w => w.Name).Any(g => g.Select(w => w.Value).Distinct().Count() > 1)) return null;
        var text = Encoding.UTF8.GetString(page);
        if (text.Contains("\u0001token\u0002", StringComparison.Ordinal)) return null;
        text = text.Replace(token, "\u0001token\u0002", StringComparison.Ordinal);
        var literals = new List<byte[]>();
        var slots = new List<string>();
        var at = 0;
        while (true)
        {
            var start = text.IndexOf('\u0001', at);
            if (start < 0) break;
            var end = text.IndexOf('\u0002', start);
            if (end < 0) return null;
            var marker = text[(start + 1)..end];
            string name;
            if (marker == "token") name = "token";
            else if (int.TryParse(marker, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < written.Count) name = written[index].Name;
            else return null;
            literals.Add(Encoding.UTF8.GetBytes(text[at..start]));
            slots.Add(name);
            at = end + 1;
        }
        literals.Add(Encoding.UTF8.GetBytes(text[at..]));
        if (literals.Any(l => l.AsSpan().IndexOfAny(SlotStart, SlotEnd) >= 0)) return null;
        return new Template(literals, slots, literals.Sum(l => l.Length));
    }

    private static byte[] Fill(byte[] page, IReadOnlyList<(string Name, string Value)> written)
    {
        var text = Encoding.UTF8.GetString(page);
        for (var i = 0; i < written.Count; i++) text = text.Replace($"\u0001{i}\u0002", written[i].Value, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }
}

public static class LessonShellComposition
{
    public static IServiceCollection AddLessonShell(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LessonShell.Options>(configuration.GetSection("LessonPage"));
        services.AddSingleton<LessonShell>();
        return services;
    }

    /// <summary>After authorization: the lesson page's endpoint is chosen and its policy (signed in) has passed.</summary>
    public static WebApplication UseLessonShell(this WebApplication app)
    {
        var shell = app.Services.GetRequiredService<LessonShell>();
        app.Use((context, next) => shell.InvokeAsync(context, () => next(context)));
        return app;
    }

    /// <summary>A person-dependent value on the lesson page (see <see cref="LessonShell"/>).</summary>
    public static IHtmlContent Slot(this IHtmlHelper html, string name, string? value) => LessonShell.Slot(html, name, value);
}

