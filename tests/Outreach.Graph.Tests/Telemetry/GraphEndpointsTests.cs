namespace Outreach.Graph.Tests.Telemetry;

/// <summary>Graph URLs become short endpoint names that never carry a mailbox or an id.</summary>
public sealed class GraphEndpointsTests
{
    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery%40contoso.com/mailFolders/inbox/messages/delta?$select=id", "messages.delta")]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery@contoso.com/mailFolders('sentitems')/messages/delta?$deltatoken=abc", "messages.delta")]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery@contoso.com/mailFolders/inbox/messages?$top=50", "messages")]
    [InlineData("https://graph.microsoft.com/v1.0/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/calendarView/delta?startDateTime=x", "calendarView.delta")]
    [InlineData("https://graph.microsoft.us/v1.0/users/avery@contoso.com/sendMail", "sendMail")]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery@contoso.com/events", "events")]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery@contoso.com/events/AAMkAGI2TG93AAA=", "events")]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery@contoso.com/calendar/getSchedule", "getSchedule")]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery@contoso.com/mailboxSettings", "mailboxSettings")]
    [InlineData("https://graph.microsoft.com/v1.0/users/avery@contoso.com?$select=displayName", "users")]
    [InlineData("https://graph.microsoft.com/v1.0/users('avery@contoso.com')", "users")]
    [InlineData("https://graph.microsoft.com/v1.0/groups/3f2504e0-4f89-11d3-9a0c-0305e82c3301/transitiveMembers/microsoft.graph.user", "transitiveMembers")]
    [InlineData("https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com/drive", "other")]
    [InlineData("https://graph.microsoft.com/v1.0/users/messages@contoso.com/events", "events")]
    public void An_endpoint_is_named_by_the_words_of_its_path_that_Graph_defines(string url, string expected) =>
        Assert.Equal(expected, GraphEndpoints.NameOf(new Uri(url)));

    [Fact]
    public void No_name_holds_an_address_or_an_id_whatever_the_path()
    {
        string[] urls =
        [
            "https://graph.microsoft.com/v1.0/users/dana.lee@fabrikam.com/messages/dana.lee@fabrikam.com/delta",
            "https://graph.microsoft.com/v1.0/users/dana%2Elee%40fabrikam.com/calendarView/delta",
            "https://graph.microsoft.com/v1.0/dana@fabrikam.com",
            "https://graph.microsoft.com/v1.0/users/avery@contoso.com/mailFolders('dana@fabrikam.com')/messages('AAMk=')",
        ];

        foreach (var url in urls)
        {
            var name = GraphEndpoints.NameOf(new Uri(url));
            Assert.DoesNotContain("@", name, StringComparison.Ordinal);
            Assert.DoesNotContain("dana", name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AAMk", name, StringComparison.Ordinal);
        }

        Assert.Equal("other", GraphEndpoints.NameOf(null));
    }
}
