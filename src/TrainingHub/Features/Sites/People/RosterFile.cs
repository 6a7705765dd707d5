using System.Text;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Sites.People;

/// <summary>
/// Reads a roster file: CSV with a header line naming the columns (name, email and, optionally, role), as a spreadsheet
/// saves it. Every row is checked on its own and each problem names the line it is on, counting from 1 as a text editor does.
/// </summary>
public static class RosterFile
{
    public const int MaxCharacters = 256 * 1024;

    public const string Template = "name,email,role\r\nAlex Rivera,alex.rivera@example.org,trainee\r\nJamie Chen,jamie.chen@example.org,supervisor\r\n";

    /// <summary>A row as read. <paramref name="Problem"/> (without its line number) is null when the row can be applied.</summary>
    public sealed record Row(int Line, string FullName, string Email, string Role, string? Problem);

    public sealed record Parsed(IReadOnlyList<Row> Rows, IReadOnlyList<string> FileProblems, IReadOnlyList<string> IgnoredColumns);

    private static readonly string[] NameHeaders = ["name", "fullname", "full name", "full_name", "trainee name", "person"];
    private static readonly string[] EmailHeaders = ["email", "email address", "e-mail", "emailaddress", "email_address", "e-mail address"];
    private static readonly string[] RoleHeaders = ["role", "roles"];

    /// <summary>Roles a roster file may name, in the words a coordinator would use.</summary>
    public static readonly IReadOnlyDictionary<string, string> RoleWords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["trainee"] = Roles.Trainee,
        ["supervisor"] = Roles.Supervisor,
        ["facilitator"] = Roles.Facilitator,
    };

    /// <summary>The file's text: UTF-8 (with or without a byte-order mark), or Latin-1 from an older spreadsheet's "CSV" save.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    public static Parsed Parse(string text, int maxRows)
    {
        var fileProblems = new List<string>();
        var records = Records(text.TrimStart('\uFEFF'), fileProblems);
        var rows = new List<Row>();
        var ignored = new List<string>();
        if (fileProblems.Count > 0) return new Parsed(rows, fileProblems, ignored);
        var header = records.FirstOrDefault(r => r.Fields.Any(f => f.Trim().Length > 0));
        if (header is null)
        {
            fileProblems.Add("The file is empty. Use the template: a first line with name,email,role and then one line per person.");
            return new Parsed(rows, fileProblems, ignored);
        }
        var columns = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var name = columns.FindIndex(c => NameHeaders.Contains(c));
        var email = columns.FindIndex(c => EmailHeaders.Contains(c));
        var role = columns.FindIndex(c => RoleHeaders.Contains(c));
        if (name < 0 || email < 0)
        {
            fileProblems.Add($"Line {header.Line}: the first line must name the columns, for example name,email,role. " +
                             $"{(name < 0 ? "There is no name column. " : "")}{(email < 0 ? "There is no email column." : "")}".TrimEnd());
            return new Parsed(rows, fileProblems, ignored);
        }
        ignored.AddRange(header.Fields.Where((f, i) => i != name && i != email && i != role && f.Trim().Length > 0).Select(f => f.Trim()));

        foreach (var record in records.SkipWhile(r => r != header).Skip(1))
        {
            if (record.Fields.All(f => f.Trim().Length == 0)) continue;
            if (rows.Count == maxRows)
            {
                fileProblems.Add($"Line {record.Line}: the file has more than {maxRows} people. Split it into smaller files.");
                break;
            }
            string Field(int i) => i >= 0 && i < record.Fields.Count ? record.Fields[i].Trim() : "";
            var rowName = Field(name);
            var rowEmail = Field(email);
            var roleWord = Field(role);
            var problems = new List<string>();
            if (rowName.Length == 0) problems.Add("the name is missing");
            else if (rowName.Length > 200) problems.Add("the name is longer than 200 characters");
            if (rowEmail.Length == 0) problems.Add("the email address is missing");
            else if (!SiteMembers.IsEmail(rowEmail)) problems.Add($"\"{Shorten(rowEmail)}\" is not an email address like name@example.org");
            var rowRole = roleWord.Length == 0 ? Roles.Trainee : RoleWords.GetValueOrDefault(roleWord, "");
            if (rowRole.Length == 0)
            {
                problems.Add($"the role \"{Shorten(roleWord)}\" is not one of trainee, supervisor or facilitator");
            }
            rows.Add(new Row(record.Line, rowName, rowEmail, rowRole, problems.Count == 0 ? null : Sentence(string.Join("; ", problems))));
        }
        if (rows.Count == 0 && fileProblems.Count == 0) fileProblems.Add($"The file has no people after the column names on line {header.Line}.");
        return new Parsed(rows, fileProblems, ignored);
    }

    /// <summary>RFC 4180 records read by CsvHelper: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<Csv.Record> Records(string text, List<string> problems)
    {
        var records = Csv.Read(text, out var unclosed);
        if (unclosed is { } line) problems.Add($"Line {line}: a quote mark (\") is opened but never closed.");
        return records;
    }

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
