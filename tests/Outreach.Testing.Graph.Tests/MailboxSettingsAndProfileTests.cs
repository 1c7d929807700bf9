using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;
using static Outreach.Testing.Graph.Tests.Support.InvitationItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class MailboxSettingsAndProfileTests
{
    [Fact]
    public async Task MailboxSettings_defaults_to_UTC_and_Monday_to_Friday_8_to_5()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(MailboxSettings(server));

        Assert.Equal(200, reply.Status);
        Assert.Equal($"{server.BaseUrl}/$metadata#users('{User}')/mailboxSettings", (string?)reply.Body["@odata.context"]);
        Assert.Equal("UTC", (string?)reply.Body["timeZone"]);
        Assert.Equal(
            """{"daysOfWeek":["monday","tuesday","wednesday","thursday","friday"],"startTime":"08:00:00.0000000","endTime":"17:00:00.0000000","timeZone":{"name":"UTC"}}""",
            reply.Body["workingHours"]!.ToJsonString());
        Assert.Equal("en-US", (string?)reply.Body["language"]!["locale"]);
        Assert.NotNull(reply.Body["automaticRepliesSetting"]);
    }

    [Fact]
    public async Task MailboxSettings_are_configurable_and_select_projects_them()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User).SetMailboxSettings(
            "W. Europe Standard Time", [DayOfWeek.Tuesday, DayOfWeek.Thursday], new TimeOnly(7, 30), new TimeOnly(15, 45));
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{MailboxSettings(server)}?$select=timeZone,WorkingHours");

        Assert.Equal(
            ["@odata.context", "timeZone", "workingHours"],
            reply.Body.Select(p => p.Key));
        Assert.Equal("W. Europe Standard Time", (string?)reply.Body["timeZone"]);
        Assert.Equal(
            """{"daysOfWeek":["tuesday","thursday"],"startTime":"07:30:00.0000000","endTime":"15:45:00.0000000","timeZone":{"name":"W. Europe Standard Time"}}""",
            reply.Body["workingHours"]!.ToJsonString());
        Assert.Equal(["timeZone", "WorkingHours"], server.Requests.Entries.Single().Select!);
    }

    [Fact]
    public async Task SetMailboxSettings_rejects_unknown_zones_and_empty_hours()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);

        Assert.Throws<ArgumentException>(() => mailbox.SetMailboxSettings("Mars Standard Time", [DayOfWeek.Monday], new TimeOnly(8, 0), new TimeOnly(9, 0)));
        Assert.Throws<ArgumentException>(() => mailbox.SetMailboxSettings("UTC", [DayOfWeek.Monday], new TimeOnly(9, 0), new TimeOnly(9, 0)));
        mailbox.SetMailboxSettings("Europe/Berlin", [DayOfWeek.Monday], new TimeOnly(8, 0), new TimeOnly(9, 0));
    }

    [Fact]
    public async Task Profile_with_select_returns_only_the_chosen_properties()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{Profile(server)}?$select=displayName,mail,userPrincipalName");

        Assert.Equal(200, reply.Status);
        Assert.Equal(
            $$"""{"@odata.context":"{{server.BaseUrl}}/$metadata#users(displayName,mail,userPrincipalName)/$entity","displayName":"Avery Quinn","mail":"{{User}}","userPrincipalName":"{{User}}"}""",
            reply.Body.ToJsonString());
    }

    [Fact]
    public async Task Profile_without_select_has_the_default_properties_and_SetProfile_changes_the_name()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        mailbox.SetProfile("Avery Q. Quinn");
        using var http = new GraphHttp();

        var reply = await http.GetAsync(Profile(server));
        var again = await http.GetAsync(Profile(server));

        Assert.Equal("Avery Q. Quinn", (string?)reply.Body["displayName"]);
        Assert.Equal("Avery Q. Quinn", mailbox.DisplayName);
        Assert.Equal("Avery", (string?)reply.Body["givenName"]);
        Assert.Equal(User, (string?)reply.Body["userPrincipalName"]);
        Assert.True(Guid.TryParse((string?)reply.Body["id"], out _));
        Assert.Equal((string?)reply.Body["id"], (string?)again.Body["id"]);
        Assert.Equal($"{server.BaseUrl}/$metadata#users/$entity", (string?)reply.Body["@odata.context"]);
    }

    [Fact]
    public async Task Profile_of_an_unknown_user_is_the_directorys_404()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(Profile(server, "nobody@northwind-labs.com"));
        var settings = await http.GetAsync(MailboxSettings(server, "nobody@northwind-labs.com"));

        Assert.Equal(404, reply.Status);
        Assert.Equal("Request_ResourceNotFound", reply.ErrorCode);
        Assert.Equal(404, settings.Status);
        Assert.Equal("ErrorInvalidUser", settings.ErrorCode);
    }

    [Fact]
    public async Task Faults_apply_to_profile_and_settings()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        server.Faults.DenyAccess(User);
        using var http = new GraphHttp();

        var profile = await http.GetAsync(Profile(server));
        var settings = await http.GetAsync(MailboxSettings(server));

        Assert.Equal(403, profile.Status);
        Assert.Equal("ErrorAccessDenied", settings.ErrorCode);
        Assert.Equal(2, server.Requests.CountFor(User));
    }
}
