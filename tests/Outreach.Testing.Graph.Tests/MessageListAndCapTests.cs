using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

/// <summary>
/// The message list endpoint (https://learn.microsoft.com/graph/api/user-list-messages) and the documented cap
/// of a filtered message delta ("returns only up to 5,000 messages": https://learn.microsoft.com/graph/delta-query-messages).
/// </summary>
public sealed class MessageListAndCapTests
{
    private static string InboxList(GraphLoopbackServer server) => $"{server.BaseUrl}/users/{User}/mailFolders/inbox/messages";

    [Fact]
    public async Task List_filters_orders_newest_first_and_pages_by_next_link()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 7); // m1..m7 one minute apart
        using var http = new GraphHttp();

        var url = $"{InboxList(server)}?$filter=receivedDateTime ge {Iso(Now.AddMinutes(2))} and receivedDateTime lt {Iso(Now.AddMinutes(7))}&$orderby=receivedDateTime desc&$top=2&$select=subject";
        var ids = new List<string>();
        var pages = 0;
        for (var next = url; next is not null; pages++)
        {
            var reply = await http.GetAsync(next);
            Assert.Equal(200, reply.Status);
            ids.AddRange(reply.Ids);
            Assert.All(reply.Items, m => Assert.Null(m["receivedDateTime"]));
            next = reply.NextLink;
        }

        Assert.Equal(["m6", "m5", "m4", "m3", "m2"], ids);
        Assert.Equal(3, pages);
        Assert.All(server.Requests.Entries, e => Assert.Equal(["subject"], e.Select!));
    }

    [Theory]
    [InlineData("$top=1001")]
    [InlineData("$top=0")]
    [InlineData("$orderby=subject")]
    [InlineData("$filter=subject eq 'x'")]
    public async Task List_refuses_what_Graph_refuses(string query)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{InboxList(server)}?{query}");

        Assert.Equal(400, reply.Status);
        Assert.NotNull(reply.ErrorCode);
    }

    [Fact]
    public async Task List_honours_throttling_faults_and_the_request_log()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Faults.Throttle(1, 429, retryAfterSeconds: 2);
        using var http = new GraphHttp();

        var throttled = await http.GetAsync(InboxList(server));
        var ok = await http.GetAsync(InboxList(server));

        Assert.Equal((429, "2"), (throttled.Status, throttled.Header("Retry-After")));
        Assert.Equal(["m1"], ok.Ids);
        Assert.Equal([429, 200], server.Requests.Entries.Select(e => e.StatusCode));
    }

    [Theory]
    [InlineData(DeltaCapChoice.Newest)]
    [InlineData(DeltaCapChoice.Scattered)]
    public async Task A_filtered_delta_lists_at_most_the_cap_and_an_unfiltered_one_everything(DeltaCapChoice choice)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.MessageDelta.FilteredCap = 5;
        server.MessageDelta.Choice = choice;
        InboxWith(server, 12);
        using var http = new GraphHttp();

        var filtered = await http.ReadAllPagesAsync($"{InboxDelta(server)}?$filter=receivedDateTime ge {Iso(Now)}", "odata.maxpagesize=2");
        var unfiltered = await http.ReadAllPagesAsync(InboxDelta(server), "odata.maxpagesize=2");

        Assert.Equal(5, filtered.Items.Count);
        Assert.Equal(12, unfiltered.Items.Count);
        var newest = new[] { "m8", "m9", "m10", "m11", "m12" };
        if (choice == DeltaCapChoice.Newest) Assert.Equal(newest.Order(), filtered.Ids.Order());
        else Assert.NotEqual(newest.Order(), filtered.Ids.Order());
    }

    [Fact]
    public async Task The_cap_is_on_by_default_at_Graphs_5000()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5000, server.MessageDelta.FilteredCap);
        Assert.Equal(DeltaCapChoice.Newest, server.MessageDelta.Choice);
    }

    [Theory]
    [InlineData("$orderby=receivedDateTime asc")]
    [InlineData("$orderby=subject desc")]
    [InlineData("$top=0")]
    public async Task Delta_refuses_an_orderby_other_than_receivedDateTime_desc_and_a_bad_top(string query)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{InboxDelta(server)}?{query}");

        Assert.Equal(400, reply.Status);
    }

    [Fact]
    public async Task Delta_top_limits_the_round_not_the_page()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 9);
        using var http = new GraphHttp();

        var result = await http.ReadAllPagesAsync($"{InboxDelta(server)}?$top=5&$orderby=receivedDateTime desc", "odata.maxpagesize=2");

        Assert.Equal(5, result.Items.Count);
        Assert.Equal(3, result.Pages);
    }
}
