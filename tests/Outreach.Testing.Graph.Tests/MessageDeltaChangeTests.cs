using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class MessageDeltaChangeTests
{
    [Fact]
    public async Task Delta_after_changes_returns_only_added_and_updated_messages()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = InboxWith(server, 3);
        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(InboxDelta(server));

        mailbox.UpdateMessage("inbox", Message("m2", subject: "Re: Hello"));
        mailbox.AddMessage("inbox", Message("m4"));
        var next = await http.GetAsync(first.DeltaLink);

        Assert.Equal(["m2", "m4"], next.Ids);
        Assert.Equal("Re: Hello", (string?)next.Items[0]["subject"]);
        Assert.NotNull(next.Items[1]["from"]);
        Assert.NotNull(next.DeltaLink);
    }

    [Fact]
    public async Task Delta_after_removal_returns_removed_annotation()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = InboxWith(server, 2);
        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(InboxDelta(server));

        mailbox.RemoveMessage("inbox", "m1");
        var next = await http.GetAsync(first.DeltaLink);

        var removed = Assert.Single(next.Items);
        Assert.Equal(
            """{"@odata.type":"#microsoft.graph.message","id":"m1","@removed":{"reason":"deleted"}}""",
            removed.ToJsonString());
    }

    [Fact]
    public async Task Delta_on_unchanged_folder_returns_empty_value_and_deltaLink_in_one_request()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 3);
        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(InboxDelta(server));
        var before = server.Requests.Count;

        var next = await http.GetAsync(first.DeltaLink);

        Assert.Equal(200, next.Status);
        Assert.Empty(next.Items);
        Assert.Null(next.NextLink);
        Assert.NotNull(next.DeltaLink);
        Assert.Equal(before + 1, server.Requests.Count);
    }

    [Fact]
    public async Task Chained_deltaLinks_each_return_only_their_own_changes()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = InboxWith(server, 1);
        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(InboxDelta(server));

        mailbox.AddMessage("inbox", Message("m2"));
        var second = await http.GetAsync(first.DeltaLink);
        mailbox.AddMessage("inbox", Message("m3"));
        var third = await http.GetAsync(second.DeltaLink!);

        Assert.Equal(["m2"], second.Ids);
        Assert.Equal(["m3"], third.Ids);
    }

    [Fact]
    public async Task First_sync_does_not_list_removed_messages()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = InboxWith(server, 3);
        mailbox.RemoveMessage("inbox", "m2");
        using var http = new GraphHttp();

        var result = await http.ReadAllPagesAsync(InboxDelta(server));

        Assert.Equal(["m1", "m3"], result.Ids);
    }

    [Fact]
    public async Task Folders_are_tracked_separately()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = InboxWith(server, 1);
        mailbox.AddMessage("SentItems", Message("s1"));
        using var http = new GraphHttp();

        var sent = await http.ReadAllPagesAsync($"{server.BaseUrl}/users/{User}/mailFolders/sentitems/messages/delta");

        Assert.Equal(["s1"], sent.Ids);
    }

    [Theory]
    [InlineData("$skiptoken", "not-a-token")]
    [InlineData("$deltatoken", "eyJrIjoibWVzc2FnZSJ9")] // base64url JSON, but not a complete sync state
    [InlineData("$deltatoken", "%%%")]
    public async Task Garbled_token_returns_400_SyncStateNotFound(string name, string token)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{InboxDelta(server)}?{name}={Uri.EscapeDataString(token)}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("SyncStateNotFound", reply.ErrorCode);
    }

    [Fact]
    public async Task Token_from_another_folder_is_rejected()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();
        var inbox = await http.ReadAllPagesAsync(InboxDelta(server));

        var sentUrl = inbox.DeltaLink.Replace("/mailFolders/inbox/", "/mailFolders/sentitems/", StringComparison.Ordinal);
        var reply = await http.GetAsync(sentUrl);

        Assert.Equal(400, reply.Status);
        Assert.Equal("SyncStateNotFound", reply.ErrorCode);
    }

    [Fact]
    public async Task Unknown_folder_returns_404_ErrorItemNotFound()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{server.BaseUrl}/users/{User}/mailFolders/nosuchfolder/messages/delta");

        Assert.Equal(404, reply.Status);
        Assert.Equal("ErrorItemNotFound", reply.ErrorCode);
    }
}
