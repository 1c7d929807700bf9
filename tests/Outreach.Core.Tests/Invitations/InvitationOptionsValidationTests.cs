using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Invitations;

namespace Outreach.Core.Tests.Invitations;

public sealed class InvitationOptionsValidationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddOutreachInvitations(configuration).BuildServiceProvider();
    }

    [Fact]
    public void An_auto_mode_cap_above_the_request_limit_stops_start_up_naming_both_settings()
    {
        using var services = Services(new()
        {
            ["Outreach:Invitations:AutoMode"] = "true",
            ["Outreach:Invitations:AutoModeMaxPerMailbox"] = "15",
            ["Outreach:Invitations:MaxContactsPerRequest"] = "10",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var failure = Assert.Single(error.Failures);
        Assert.Contains("Outreach__Invitations__AutoModeMaxPerMailbox (15)", failure, StringComparison.Ordinal);
        Assert.Contains("Outreach__Invitations__MaxContactsPerRequest (10)", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", "10", "10")]
    [InlineData("true", "3", "20")]
    [InlineData("false", "15", "10")]
    public void A_cap_within_the_request_limit_or_unused_starts(string autoMode, string cap, string perRequest)
    {
        using var services = Services(new()
        {
            ["Outreach:Invitations:AutoMode"] = autoMode,
            ["Outreach:Invitations:AutoModeMaxPerMailbox"] = cap,
            ["Outreach:Invitations:MaxContactsPerRequest"] = perRequest,
        });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(int.Parse(cap, System.Globalization.CultureInfo.InvariantCulture), services.GetRequiredService<IOptions<InvitationOptions>>().Value.AutoModeMaxPerMailbox);
    }

    [Fact]
    public void The_validator_alone_refuses_the_combination_and_accepts_the_defaults()
    {
        var validator = new InvitationOptionsValidator();

        Assert.True(validator.Validate(null, new InvitationOptions()).Succeeded);
        Assert.True(validator.Validate(null, new InvitationOptions { AutoMode = true, AutoModeMaxPerMailbox = 5, MaxContactsPerRequest = 4 }).Failed);
    }
}
