using Microsoft.Extensions.Options;
using TrainingHub.Infrastructure;

namespace TrainingHub.Tests.Infrastructure;

public sealed class OptionsTests
{
    [Fact]
    public void A_bad_value_is_reported_with_its_full_configuration_key()
    {
        var result = new SectionValidator<AccountOptions>(AccountOptions.Section).Validate(null, new AccountOptions { LockoutMinutes = 0 });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Accounts:LockoutMinutes:", StringComparison.Ordinal));
    }

    [Fact]
    public void Smtp_delivery_without_a_host_is_refused()
    {
        var result = new SectionValidator<EmailOptions>(EmailOptions.Section).Validate(null, new EmailOptions { Delivery = EmailDelivery.Smtp });
        Assert.Contains("Email:Smtp:Host: an SMTP host is required when Email:Delivery is Smtp.", result.Failures!);
    }

    [Fact]
    public void A_server_database_without_a_connection_string_is_refused()
    {
        var result = new SectionValidator<DatabaseOptions>(DatabaseOptions.Section).Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql });
        Assert.Contains("Database:ConnectionString: a connection string is required when Database:Provider is PostgreSql.", result.Failures!);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        foreach (var (section, type) in OptionsCatalog.All)
        {
            var validator = Activator.CreateInstance(typeof(SectionValidator<>).MakeGenericType(type), section)!;
            var result = (ValidateOptionsResult)validator.GetType().GetMethod("Validate")!.Invoke(validator, [null, Activator.CreateInstance(type)])!;
            Assert.True(result.Succeeded, $"{section}: {result.FailureMessage}");
        }
    }

    [Fact]
    public void Every_options_class_with_a_section_is_in_the_catalog()
    {
        var withSection = typeof(OptionsCatalog).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(OptionsCatalog).Namespace && t.GetField("Section") is { IsLiteral: true })
            .Select(t => t.Name).Order();
        Assert.Equal(withSection, OptionsCatalog.All.Select(o => o.Type.Name).Order());
    }
}
