using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TrainingHub.Infrastructure;

/// <summary>Validates an options section with its data annotations and names the full configuration key in every message.</summary>
public sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        Collect(options, section, failures);
        if (options is EmailOptions { Delivery: EmailDelivery.Smtp, Smtp.Host: null or "" })
        {
            failures.Add($"{section}:Smtp:Host: an SMTP host is required when {section}:Delivery is Smtp.");
        }
        if (options is DatabaseOptions { Provider: not DatabaseProvider.Sqlite, ConnectionString: null or "" } db)
        {
            failures.Add($"{section}:ConnectionString: a connection string is required when {section}:Provider is {db.Provider}.");
        }
        if (options is InstituteOptions institute && !TimeZoneInfo.TryFindSystemTimeZoneById(institute.TimeZone, out _))
        {
            failures.Add($"{section}:TimeZone: '{institute.TimeZone}' is not a known time zone (use an IANA name such as America/New_York).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object target, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
        foreach (var r in results)
        {
            foreach (var member in r.MemberNames.DefaultIfEmpty(""))
            {
                failures.Add($"{prefix}:{member}: {r.ErrorMessage}");
            }
        }
        foreach (var p in target.GetType().GetProperties())
        {
            // Only nested options classes of ours (Email:Smtp), never strings, arrays or framework types.
            if (p.PropertyType.IsClass && p.PropertyType.Namespace == typeof(SectionValidator<>).Namespace && p.GetIndexParameters().Length == 0
                && p.GetValue(target) is { } child)
            {
                Collect(child, $"{prefix}:{p.Name}", failures);
            }
        }
    }
}
