using System.Globalization;
using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

/// <summary>Generated mailboxes (the benchmark's): served from their index with the same paging and limits as stored ones.</summary>
public sealed class GeneratedMailboxTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<GraphLoopbackServer> ServeAsync(int messages, int events = 5, int sparse = 0)
    {
        var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.AddGenerated(new GeneratedMailbox(User, messages, 10, events, AsOf, sparse));
        return server;
    }

    private static DateTimeOffset Received(System.Text.Json.Nodes.JsonObject message) =>
        DateTimeOffset.Parse((string)message["receivedDateTime"]!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Inbox_delta_pages_every_message_newest_first_then_its_delta_link_brings_nothing_new()
    {
        await using var server = await ServeAsync(messages: 100, sparse: 4);
        using var http = new GraphHttp();

        var round = await http.ReadAllPagesAsync(InboxDelta(server) + "?$select=receivedDateTime,from", "odata.maxpagesize=25");
        var next = await http.GetAsync(round.DeltaLink);

        Assert.Equal(60 + 4, round.Items.Count); // 60 % of the regular mail, and each sparse contact's one reply
        Assert.Equal(3, round.Pages);
        Assert.Equal(round.Ids.Count, round.Ids.Distinct().Count());
        Assert.Equal(round.Items.Select(Received).OrderByDescending(t => t), round.Items.Select(Received));
        Assert.All(round.Items, m => Assert.Null(m["body"])); // the $select carried by the tokens
        Assert.Equal(200, next.Status);
        Assert.Empty(next.Items);
        Assert.NotNull(next.DeltaLink);
    }

    [Fact]
    public async Task A_filtered_delta_returns_only_the_newest_messages_up_to_the_cap()
    {
        await using var server = await ServeAsync(messages: 1000);
        server.MessageDelta.FilteredCap = 100;
        using var http = new GraphHttp();
        var since = Uri.EscapeDataString(Iso(AsOf.AddDays(-200)));

        var capped = await http.ReadAllPagesAsync($"{InboxDelta(server)}?$filter=receivedDateTime ge {since}", "odata.maxpagesize=1000");
        var unfiltered = await http.ReadAllPagesAsync(InboxDelta(server), "odata.maxpagesize=1000");

        Assert.Equal(100, capped.Items.Count);
        Assert.Equal(600, unfiltered.Items.Count); // the cap is on filtered delta only
        Assert.Equal(unfiltered.Ids.Take(100), capped.Ids);
    }

    [Fact]
    public async Task Delta_refuses_a_filter_Graph_does_not_support_on_it()
    {
        await using var server = await ServeAsync(messages: 10);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{InboxDelta(server)}?$filter=receivedDateTime lt {Uri.EscapeDataString(Iso(AsOf))}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("ErrorInvalidUrlQueryFilter", reply.ErrorCode);
    }

    [Fact]
    public async Task A_folder_list_with_a_receivedDateTime_range_pages_by_top_through_exactly_that_range()
    {
        await using var server = await ServeAsync(messages: 200, sparse: 6);
        using var http = new GraphHttp();
        var list = $"{server.BaseUrl}/users/{User}/mailFolders/sentitems/messages";
        var from = AsOf.AddDays(-120);
        var to = AsOf.AddDays(-30);

        var all = await http.GetAsync($"{list}?$top=1000&$orderby=receivedDateTime desc");
        var ranged = new List<System.Text.Json.Nodes.JsonObject>();
        var url = $"{list}?$filter={Uri.EscapeDataString($"receivedDateTime ge {Iso(from)} and receivedDateTime lt {Iso(to)}")}&$orderby=receivedDateTime desc&$top=7";
        var pages = 0;
        while (url is not null)
        {
            var page = await http.GetAsync(url);
            Assert.Equal(200, page.Status);
            Assert.True(page.Items.Count <= 7);
            ranged.AddRange(page.Items);
            url = page.NextLink;
            pages++;
        }

        var expected = all.Items.Where(m => Received(m) >= from && Received(m) < to).Select(m => (string)m["id"]!).ToList();
        Assert.Null(all.NextLink);
        Assert.Equal(80 + 11, all.Items.Count); // 40 % of the mail, and the sparse contacts' 1 or 2 mails from the owner (5 of 6 wrote twice)
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ranged.Select(m => (string)m["id"]!));
        Assert.Equal((expected.Count + 6) / 7, pages);
    }

    [Theory]
    [InlineData("$top=1001", "ErrorInvalidUrlQuery")]
    [InlineData("$top=0", "ErrorInvalidUrlQuery")]
    [InlineData("$filter=subject eq 'x'", "ErrorInvalidUrlQueryFilter")]
    [InlineData("$orderby=subject", "ErrorInvalidUrlQuery")]
    public async Task A_folder_list_refuses_what_the_stored_list_refuses(string query, string code)
    {
        await using var server = await ServeAsync(messages: 10);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{server.BaseUrl}/users/{User}/mailFolders/inbox/messages?{query}");

        Assert.Equal(400, reply.Status);
        Assert.Equal(code, reply.ErrorCode);
    }

    [Fact]
    public async Task Calendar_delta_lists_every_event_and_refuses_select_as_Graph_does()
    {
        await using var server = await ServeAsync(messages: 10, events: 23);
        using var http = new GraphHttp();
        var window = CalendarDelta(server, AsOf.AddDays(-800), AsOf.AddDays(100));

        var round = await http.ReadAllPagesAsync(window, "odata.maxpagesize=10");
        var selected = await http.GetAsync(window + "&$select=subject");

        Assert.Equal(23, round.Items.Count);
        Assert.Equal(3, round.Pages);
        Assert.Equal(400, selected.Status);
    }

    [Fact]
    public async Task The_whole_mailboxs_messages_and_events_page_by_ten_by_default()
    {
        await using var server = await ServeAsync(messages: 30, events: 12);
        using var http = new GraphHttp();

        async Task<(int Items, int Pages)> WalkAsync(string url)
        {
            var (items, pages) = (0, 0);
            for (string? next = url; next is not null; pages++)
            {
                var page = await http.GetAsync(next);
                Assert.Equal(200, page.Status);
                items += page.Items.Count;
                next = page.NextLink;
            }

            return (items, pages);
        }

        Assert.Equal((30, 3), await WalkAsync($"{server.BaseUrl}/users/{User}/messages"));
        Assert.Equal((12, 2), await WalkAsync($"{server.BaseUrl}/users/{User}/events"));
    }

    [Fact]
    public async Task Generated_mailboxes_can_be_made_on_first_request_and_unknown_ids_stay_unknown()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var asked = new List<string>();
        server.GeneratedMailboxes = id =>
        {
            asked.Add(id);
            return id.StartsWith("m", StringComparison.Ordinal) ? new GeneratedMailbox(id, 10, 3, 0, AsOf) : null;
        };
        using var http = new GraphHttp();

        var known = await http.GetAsync(InboxDelta(server, user: "m1@tenant.example"));
        var unknown = await http.GetAsync(InboxDelta(server, user: "x@tenant.example"));

        Assert.Equal(200, known.Status);
        Assert.Equal(6, known.Items.Count);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(["m1@tenant.example", "x@tenant.example"], asked);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_ten_million_message_mailbox_serves_pages_without_being_materialised()
    {
        await using var server = await ServeAsync(messages: 10_000_000);
        using var http = new GraphHttp();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var first = await http.GetAsync(InboxDelta(server) + "?$select=receivedDateTime", "odata.maxpagesize=1000");
        var oldest = await http.GetAsync($"{server.BaseUrl}/users/{User}/mailFolders/inbox/messages?$orderby=receivedDateTime asc&$top=5&$count=true");

        Assert.Equal(1000, first.Items.Count);
        Assert.Equal(6_000_000, (int)oldest.Body["@odata.count"]!);
        Assert.Equal(oldest.Items.Select(Received).Order(), oldest.Items.Select(Received));
        // Ten million stored messages would take gigabytes; a page is written from the index and dropped.
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - before < 64 * 1024 * 1024);
    }
}
