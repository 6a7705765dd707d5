using Microsoft.Extensions.Localization;
using TrainingHub.Infrastructure;

namespace TrainingHub.Web.Infrastructure;

/// <summary>A localized text with a count: both forms are resource keys ("{0} item", "{0} items"), the form is chosen by <see cref="Plural"/>.</summary>
public static class PluralText
{
    public static LocalizedString Plural(this IStringLocalizer localizer, decimal count, string one, string other, params object[] more) =>
        localizer[TrainingHub.Infrastructure.Plural.Form(count, one, other), [count, .. more]];
}
