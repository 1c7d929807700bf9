using Outreach.Cli.Invite;
using Outreach.Graph;
using Outreach.Graph.Auth;

namespace Outreach.Cli.Tests.Invite;

/// <summary>`invite --auth device-code` must sign in for what creating an invitation needs, not the scan's read-only scopes.</summary>
public sealed class InviteSignInScopesTests
{
    [Fact]
    public void Invite_with_device_code_asks_for_calendar_write_mailbox_settings_and_profile()
    {
        var options = new GraphOptions { Auth = GraphAuthMode.DeviceCode, ClientId = "app" };

        var scopes = GraphAuthentication.Scopes(options, InviteCommand.DelegatedPermissions);

        Assert.Contains("https://graph.microsoft.com/Calendars.ReadWrite", scopes);
        Assert.Contains("https://graph.microsoft.com/MailboxSettings.Read", scopes);
        Assert.Contains("https://graph.microsoft.com/User.ReadBasic.All", scopes);
        Assert.DoesNotContain("https://graph.microsoft.com/Mail.Read", scopes);
    }

    [Fact]
    public void Scan_with_device_code_keeps_its_read_only_scopes()
    {
        var options = new GraphOptions { Auth = GraphAuthMode.DeviceCode, ClientId = "app" };

        var scopes = GraphAuthentication.Scopes(options);

        Assert.Equal(["https://graph.microsoft.com/Mail.Read", "https://graph.microsoft.com/Calendars.Read"], scopes);
    }
}
