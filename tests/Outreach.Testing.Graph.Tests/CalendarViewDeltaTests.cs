using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class CalendarViewDeltaTests
{
    private static readonly DateTimeOffset WindowStart = Now;
    private static readonly DateTimeOffset WindowEnd = Now.AddDays(1);

    [Fact]
    public async Task Calendar_delta_returns_events_overlapping_the_window()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        mailbox.AddEvent(Event("before", WindowStart.AddHours(-2), WindowStart.AddHours(-1)));
        mailbox.AddEvent(Event("ends-at-start", WindowStart.AddHours(-1), WindowStart));
        mailbox.AddEvent(Event("straddles-start", WindowStart.AddHours(-1), WindowStart.AddHours(1)));
        mailbox.AddEvent(Event("inside", WindowStart.AddHours(3), WindowStart.AddHours(4)));
        mailbox.AddEvent(Event("straddles-end", WindowEnd.AddHours(-1), WindowEnd.AddHours(1)));
        mailbox.AddEvent(Event("starts-at-end", WindowEnd, WindowEnd.AddHours(1)));
        mailbox.AddEvent(Event("spans-window", WindowStart.AddDays(-1), WindowEnd.AddDays(1)));
        using var http = new GraphHttp();

        var result = await http.ReadAllPagesAsync(CalendarDelta(server, WindowStart, WindowEnd));

        Assert.Equal(["straddles-start", "inside", "straddles-end", "spans-window"], result.Ids);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?startDateTime=2026-01-01T00:00:00Z")]
    [InlineData("?endDateTime=2026-01-02T00:00:00Z")]
    public async Task Calendar_delta_without_window_returns_400_ErrorInvalidParameter(string query)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{server.BaseUrl}/users/{User}/calendarView/delta{query}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("ErrorInvalidParameter", reply.ErrorCode);
    }

    [Fact]
    public async Task Calendar_tokens_carry_the_window_through_paging_and_delta()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        for (var i = 1; i <= 3; i++)
        {
            mailbox.AddEvent(Event($"e{i}", WindowStart.AddHours(i), WindowStart.AddHours(i).AddMinutes(30)));
        }

        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(CalendarDelta(server, WindowStart, WindowEnd), "odata.maxpagesize=2");

        mailbox.AddEvent(Event("outside", WindowEnd.AddDays(2), WindowEnd.AddDays(3)));
        mailbox.AddEvent(Event("e4", WindowStart.AddHours(5), WindowStart.AddHours(6)));
        var next = await http.GetAsync(first.DeltaLink);

        Assert.Equal(2, first.Pages);
        Assert.Equal(["e1", "e2", "e3"], first.Ids);
        Assert.DoesNotContain("startDateTime", first.DeltaLink, StringComparison.Ordinal);
        Assert.Contains("e4", next.Ids);
        Assert.Equal($"{server.BaseUrl}/$metadata#Collection(event)", (string?)next.Body["@odata.context"]);
    }

    [Fact]
    public async Task Calendar_delta_after_removal_returns_removed_event_annotation()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        mailbox.AddEvent(Event("e1", WindowStart.AddHours(1), WindowStart.AddHours(2)));
        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(CalendarDelta(server, WindowStart, WindowEnd));

        mailbox.RemoveEvent("e1");
        var next = await http.GetAsync(first.DeltaLink);

        Assert.Equal(
            """{"@odata.type":"#microsoft.graph.event","id":"e1","@removed":{"reason":"deleted"}}""",
            Assert.Single(next.Items).ToJsonString());
    }

    [Fact]
    public async Task Event_moved_out_of_the_window_is_reported_as_removed()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        mailbox.AddEvent(Event("e1", WindowStart.AddHours(1), WindowStart.AddHours(2)));
        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(CalendarDelta(server, WindowStart, WindowEnd));

        mailbox.UpdateEvent(Event("e1", WindowEnd.AddDays(1), WindowEnd.AddDays(1).AddHours(1)));
        var next = await http.GetAsync(first.DeltaLink);

        Assert.NotNull(Assert.Single(next.Items)["@removed"]);
    }

    [Fact]
    public async Task Events_are_returned_with_start_and_end_in_UTC()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var ev = Event("e1", WindowStart, WindowStart);
        ev["start"] = new JsonObject { ["dateTime"] = "2026-01-01T09:00:00.0000000", ["timeZone"] = "America/New_York" };
        ev["end"] = new JsonObject { ["dateTime"] = "2026-01-01T10:00:00.0000000", ["timeZone"] = "America/New_York" };
        server.Mailbox(User).AddEvent(ev);
        using var http = new GraphHttp();

        var result = await http.ReadAllPagesAsync(CalendarDelta(server, WindowStart, WindowEnd));

        var returned = Assert.Single(result.Items);
        Assert.Equal("""{"dateTime":"2026-01-01T14:00:00.0000000","timeZone":"UTC"}""", returned["start"]!.ToJsonString());
        Assert.Equal("""{"dateTime":"2026-01-01T15:00:00.0000000","timeZone":"UTC"}""", returned["end"]!.ToJsonString());
    }

    [Fact]
    public async Task Calendar_select_is_refused_as_not_supported_and_recorded()
    {
        // "$select is not supported" on calendarView delta (https://learn.microsoft.com/graph/delta-query-events).
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User).AddEvent(Event("e1", WindowStart.AddHours(1), WindowStart.AddHours(2)));
        using var http = new GraphHttp();

        var reply = await http.GetAsync($"{CalendarDelta(server, WindowStart, WindowEnd)}&$select=id");

        Assert.Equal(400, reply.Status);
        Assert.Contains("$select", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["id"], server.Requests.Entries.Single().Select!);
    }

    [Fact]
    public async Task Calendar_faults_repeat_the_next_link_oversize_pages_and_duplicate_ids()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 6; i++) server.Mailbox(User).AddEvent(Event($"e{i}", WindowStart.AddHours(i + 1), WindowStart.AddHours(i + 2)));
        using var http = new GraphHttp();

        server.Faults.Calendar.RepeatNextLink(1);
        var first = await http.GetAsync(CalendarDelta(server, WindowStart, WindowEnd), "odata.maxpagesize=2");
        var looped = await http.GetAsync(first.NextLink!, "odata.maxpagesize=2");
        Assert.Equal(first.NextLink, looped.NextLink);

        server.Faults.Calendar.Clear();
        server.Faults.Calendar.OversizePages(2);
        var big = await http.GetAsync(CalendarDelta(server, WindowStart, WindowEnd), "odata.maxpagesize=2");
        Assert.Equal(4, big.Items.Count);

        server.Faults.Calendar.Clear();
        server.Faults.Calendar.DuplicateIds(true);
        var dup = await http.GetAsync(CalendarDelta(server, WindowStart, WindowEnd), "odata.maxpagesize=2");
        var next = await http.GetAsync(dup.NextLink!, "odata.maxpagesize=2");
        Assert.Equal(dup.Ids[0], dup.Ids[^1]); // within a page
        Assert.Equal(dup.Ids[1], next.Ids[0]); // across pages
    }
}
