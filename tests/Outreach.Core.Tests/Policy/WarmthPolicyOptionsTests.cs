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

    [Fact]
    public void A_scan_copy_keeps_every_setting_and_only_adds_to_the_lists()
    {
        var configured = new WarmthPolicyOptions
        {
            MeetingLookbackDays = 400, ScheduledLookaheadDays = 30, MaxMeetingParticipants = 5, VoiceCountsAsMet = true,
            TextLookbackDays = 120, MinTextTouchpoints = 4, RequireReciprocity = false, RecentTextDays = 60,
            InternalDomains = ["a.com"], DoNotContact = ["x@y.com"], AutomatedLocalParts = ["robot"],
        };

        var copy = configured.With(["b.com"], ["@z.com"]);

        foreach (var property in typeof(WarmthPolicyOptions).GetProperties().Where(p => p.Name is not (nameof(WarmthPolicyOptions.InternalDomains) or nameof(WarmthPolicyOptions.DoNotContact) or nameof(WarmthPolicyOptions.AutomatedLocalParts))))
        {
            Assert.Equal(property.GetValue(configured), property.GetValue(copy));
        }

        Assert.Equal(["a.com", "b.com"], copy.InternalDomains);
        Assert.Equal(["x@y.com", "@z.com"], copy.DoNotContact);
        Assert.Equal(["robot"], copy.AutomatedLocalParts);
        Assert.Equal(["a.com"], configured.InternalDomains);
    }
}
