using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class MessageDeltaQueryTests
{
    [Fact]
    public async Task Select_projects_messages_to_selected_properties_plus_id_and_etag()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{InboxDelta(server)}?$select=subject,ReceivedDateTime");

        var names = reply.Items[0].Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["@odata.etag", "id", "receivedDateTime", "subject"], names);
    }

    [Fact]
    public async Task Select_is_carried_by_nextLink_and_deltaLink_without_repeating_it()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = InboxWith(server, 3);
        using var http = new GraphHttp();

        var first = await http.ReadAllPagesAsync($"{InboxDelta(server)}?%24select=subject", "odata.maxpagesize=2");
        mailbox.AddMessage("inbox", Message("m4"));
        var next = await http.GetAsync(first.DeltaLink);

        Assert.DoesNotContain("select", first.DeltaLink, StringComparison.OrdinalIgnoreCase);
        Assert.All(first.Items.Concat(next.Items), m => Assert.Null(m["bodyPreview"]));
        Assert.All(first.Items.Concat(next.Items), m => Assert.NotNull(m["subject"]));
        Assert.All(server.Requests.Entries, e => Assert.Equal(["subject"], e.Select!));
    }

    [Theory]
    [InlineData("ge", new[] { "m2", "m3" })]
    [InlineData("gt", new[] { "m3" })]
    public async Task Filter_on_receivedDateTime_returns_only_messages_after_the_bound(string op, string[] expected)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 3);
        using var http = new GraphHttp();

        var bound = Iso(Now.AddMinutes(2)); // m2's receivedDateTime
        var result = await http.ReadAllPagesAsync($"{InboxDelta(server)}?$filter=receivedDateTime {op} {bound}");

        Assert.Equal(expected, result.Ids);
    }

    [Fact]
    public async Task Filter_is_carried_by_nextLink()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 6);
        using var http = new GraphHttp();

        var bound = Iso(Now.AddMinutes(3));
        var result = await http.ReadAllPagesAsync($"{InboxDelta(server)}?$filter=receivedDateTime ge {bound}", "odata.maxpagesize=2");

        Assert.Equal(2, result.Pages);
        Assert.Equal(["m3", "m4", "m5", "m6"], result.Ids);
    }

    [Theory]
    [InlineData("subject eq 'Hello'")]
    [InlineData("receivedDateTime le 2026-01-01T00:00:00Z")]
    [InlineData("receivedDateTime ge yesterday")]
    public async Task Unsupported_filter_returns_400_ErrorInvalidUrlQueryFilter(string filter)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{InboxDelta(server)}?$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("ErrorInvalidUrlQueryFilter", reply.ErrorCode);
    }
}
