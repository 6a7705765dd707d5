using System.Globalization;
using FluentValidation;
using FluentValidation.Internal;

namespace TrainingHub.Localization;

/// <summary>
/// Validation messages in the language of the person who sent the form: a validator's message is its English text
/// (the resource key), with FluentValidation's placeholders (<c>{MaxLength}</c>) for values, and is translated before the
/// values are put in. A handler's own failure goes through <see cref="Words.Current"/> the same way.
/// </summary>
public sealed class TranslatedMessages : MessageFormatter
{
    /// <summary>Once per process: FluentValidation's formatter is global.</summary>
    public static void Install() => ValidatorOptions.Global.MessageFormatterFactory = () => new TranslatedMessages();

    public override string BuildMessage(string messageTemplate) =>
        base.BuildMessage(Words.Translate(messageTemplate, CultureInfo.CurrentUICulture));
}
