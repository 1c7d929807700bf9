using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Log_records_path_query_mailbox_status_prefer_and_bytes()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 2);
        using var http = new GraphHttp();

        await http.GetAsync($"{InboxDelta(server)}?%24select=subject,from", "odata.maxpagesize=5, IdType=\"ImmutableId\"");

        var entry = Assert.Single(server.Requests.Entries);
        Assert.Equal("GET", entry.Method);
        Assert.Equal($"/v1.0/users/{User}/mailFolders/inbox/messages/delta", entry.Path);
        Assert.Equal("subject,from", entry.Query["$select"]);
        Assert.Equal(User, entry.Mailbox);
        Assert.Equal(200, entry.StatusCode);
        Assert.True(entry.ResponseBytes > 100);
        Assert.True(entry.HadBearerToken);
        Assert.Equal(["odata.maxpagesize=5", "IdType=\"ImmutableId\""], entry.Prefer);
        Assert.Equal(["subject", "from"], entry.Select!);
    }

    [Fact]
    public async Task CountFor_counts_per_mailbox_case_insensitively_and_Clear_empties_the_log()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Mailbox("other@northwind-labs.com");
        using var http = new GraphHttp();

        await http.GetAsync(InboxDelta(server));
        await http.GetAsync(InboxDelta(server));
        await http.GetAsync(InboxDelta(server, user: "other@northwind-labs.com"));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, server.Requests.CountFor(User.ToUpperInvariant()));
        Assert.Equal(1, server.Requests.CountFor("other@northwind-labs.com"));

        server.Requests.Clear();
        Assert.Equal(0, server.Requests.Count);
        Assert.Equal(0, server.Requests.MaxConcurrentFor(User));
    }

    [Fact]
    public async Task MaxConcurrentFor_counts_parallel_requests_held_by_ResponseDelay()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Mailbox("other@northwind-labs.com");
        server.ResponseDelay = TimeSpan.FromMilliseconds(300);
        using var http = new GraphHttp();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => http.GetAsync(InboxDelta(server))));
        await http.GetAsync(InboxDelta(server, user: "other@northwind-labs.com"));
        await http.GetAsync(InboxDelta(server, user: "other@northwind-labs.com"));

        Assert.Equal(4, server.Requests.MaxConcurrentFor(User));
        Assert.Equal(1, server.Requests.MaxConcurrentFor("other@northwind-labs.com"));
        Assert.All(server.Requests.Entries, e => Assert.True(e.Duration >= TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public async Task Mailbox_lookup_is_case_insensitive()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox("Avery.Quinn@Northwind-Labs.com");
        mailbox.AddMessage("INBOX", Message("m1"));
        using var http = new GraphHttp();

        var reply = await http.GetAsync(InboxDelta(server, user: "avery.quinn@northwind-labs.com"));

        Assert.Same(mailbox, server.Mailbox(User));
        Assert.Equal(["m1"], reply.Ids);
    }
}
