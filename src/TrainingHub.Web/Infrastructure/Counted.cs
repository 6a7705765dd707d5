using System.Globalization;
using Microsoft.Extensions.Localization;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// A count with its words ("1 trainee", "3 trainees"): both forms are texts of the resources, with <c>{0}</c> for the
/// number, so each language words them its own way. The one place that chooses the form, so a plural library can take
/// over here without touching a page (docs/decisions/0019-languages.md).
/// </summary>
public static class Counted
{
    public static string Of(int count, LocalizedString one, LocalizedString other) =>
        string.Format(CultureInfo.CurrentCulture, count == 1 ? one.Value : other.Value, count);
}
