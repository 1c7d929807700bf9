using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class MessageDeltaPagingTests
{
    [Fact]
    public async Task First_sync_pages_with_nextLink_and_ends_with_deltaLink()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 5);
        using var http = new GraphHttp();

        var page1 = await http.GetAsync(InboxDelta(server), "odata.maxpagesize=2");
        var page2 = await http.GetAsync(page1.NextLink!, "odata.maxpagesize=2");
        var page3 = await http.GetAsync(page2.NextLink!, "odata.maxpagesize=2");

        Assert.Equal(["m1", "m2"], page1.Ids);
        Assert.Equal(["m3", "m4"], page2.Ids);
        Assert.Equal(["m5"], page3.Ids);
        Assert.Null(page1.DeltaLink);
        Assert.Null(page2.DeltaLink);
        Assert.Null(page3.NextLink);
        Assert.StartsWith($"{server.BaseUrl}/users/{User}/mailFolders/inbox/messages/delta?$skiptoken=", page1.NextLink);
        Assert.StartsWith($"{server.BaseUrl}/users/{User}/mailFolders/inbox/messages/delta?$deltatoken=", page3.DeltaLink);
    }

    [Fact]
    public async Task Page_size_is_echoed_in_Preference_Applied()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 3);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(InboxDelta(server), "odata.maxpagesize=2");

        Assert.Equal("odata.maxpagesize=2", reply.Header("Preference-Applied"));
    }

    [Fact]
    public async Task Page_size_defaults_to_ten_without_Prefer_header()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 12);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(InboxDelta(server));

        Assert.Equal(10, reply.Items.Count);
        Assert.NotNull(reply.NextLink);
        Assert.Null(reply.Header("Preference-Applied"));
    }

    [Fact]
    public async Task Page_size_is_capped_at_1000()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(InboxDelta(server), "odata.maxpagesize=5000");

        Assert.Equal("odata.maxpagesize=1000", reply.Header("Preference-Applied"));
    }

    [Fact]
    public async Task Page_size_is_found_among_several_preferences_and_Prefer_headers()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 5);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(
            InboxDelta(server), "outlook.body-content-type=\"text\"", "IdType=\"ImmutableId\", odata.maxpagesize=3");

        Assert.Equal(["m1", "m2", "m3"], reply.Ids);
        Assert.Equal("odata.maxpagesize=3", reply.Header("Preference-Applied"));
    }

    [Fact]
    public async Task NextLink_keeps_the_page_size_when_Prefer_is_not_repeated()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 5);
        using var http = new GraphHttp();

        var page1 = await http.GetAsync(InboxDelta(server), "odata.maxpagesize=2");
        var page2 = await http.GetAsync(page1.NextLink!);

        Assert.Equal(["m3", "m4"], page2.Ids);
    }

    [Fact]
    public async Task Exact_multiple_of_page_size_ends_with_deltaLink_not_an_empty_page()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 4);
        using var http = new GraphHttp();

        var result = await http.ReadAllPagesAsync(InboxDelta(server), "odata.maxpagesize=2");

        Assert.Equal(2, result.Pages);
        Assert.Equal(["m1", "m2", "m3", "m4"], result.Ids);
    }

    [Fact]
    public async Task Delta_path_is_accepted_with_function_parentheses_and_any_case()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        // The Kiota-generated SDK calls ".../messages/delta()"; Graph matches names case-insensitively.
        var reply = await http.GetAsync($"{server.BaseUrl}/users/{User.ToUpperInvariant()}/MAILFOLDERS/Inbox/messages/delta()");

        Assert.Equal(200, reply.Status);
        Assert.Equal(["m1"], reply.Ids);
    }

    [Fact]
    public async Task Response_has_odata_context_and_json_content_type()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(InboxDelta(server));

        Assert.Equal($"{server.BaseUrl}/$metadata#Collection(message)", (string?)reply.Body["@odata.context"]);
        Assert.StartsWith("application/json", reply.ContentType);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1\.0$", server.BaseUrl);
    }

    [Fact]
    public async Task Message_changed_during_first_sync_is_not_skipped()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = InboxWith(server, 4);
        using var http = new GraphHttp();

        var page1 = await http.GetAsync(InboxDelta(server), "odata.maxpagesize=2");
        mailbox.UpdateMessage("inbox", Message("m1", subject: "edited"));
        var rest = await http.ReadAllPagesAsync(page1.NextLink!, "odata.maxpagesize=2");
        var next = await http.GetAsync(rest.DeltaLink);

        Assert.Equal(["m3", "m4"], rest.Ids);
        Assert.Equal(["m1"], next.Ids);
        Assert.Equal("edited", (string?)next.Items[0]["subject"]);
    }
}
