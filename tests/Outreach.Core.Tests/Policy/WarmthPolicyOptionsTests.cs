using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Policy;

namespace Outreach.Core.Tests.Policy;

public sealed class WarmthPolicyOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddOutreachCore(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Settings_are_bound_from_configuration()
    {
        using var services = Services(new()
        {
            ["Outreach:Policy:TextLookbackDays"] = "120",
            ["Outreach:Policy:InternalDomains:0"] = "northwind.eu",
        });

        var options = services.GetRequiredService<IOptions<WarmthPolicyOptions>>().Value;

        Assert.Equal(120, options.TextLookbackDays);
        Assert.Equal(["northwind.eu"], options.InternalDomains);
    }

    [Theory]
    [InlineData("Outreach:Policy:TextLookbackDays", "0", "TextLookbackDays")]
    [InlineData("Outreach:Policy:MaxMeetingParticipants", "1", "MaxMeetingParticipants")]
    [InlineData("Outreach:Policy:RecentTextDays", "365", "RecentTextDays")]
    [InlineData("Outreach:Policy:InternalDomains:0", "not a domain", "InternalDomains")]
    [InlineData("Outreach:Policy:DoNotContact:0", "dana-at-fabrikam", "DoNotContact")]
    [InlineData("Outreach:Policy:MinTextTouchpoints", "1", "MinTextTouchpoints")]
    public void Invalid_settings_stop_start_up_naming_the_setting(string key, string value, string named)
    {
        using var services = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_valid()
    {
        using var services = Services([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }
}
