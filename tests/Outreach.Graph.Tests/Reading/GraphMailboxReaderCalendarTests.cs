using System.Globalization;
using System.Text.Json.Nodes;
using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;
using Outreach.Graph.Tests.Support;
using static Outreach.Graph.Tests.Support.GraphFixture;

namespace Outreach.Graph.Tests.Reading;

/// <summary>calendarView delta through the real SDK against the loopback server.</summary>
public sealed class GraphMailboxReaderCalendarTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CalendarWindow Window = new(Now.AddDays(-730), Now.AddDays(125));

    private static JsonObject Event(string id, DateTimeOffset start, string attendee, string response = "accepted",
        bool online = false, bool cancelled = false, string ownerResponse = "organizer", string? location = null,
        string type = "singleInstance", string? seriesMasterId = null) => new()
    {
        ["id"] = id,
        ["subject"] = "Catch-up",
        ["type"] = type,
        ["seriesMasterId"] = seriesMasterId,
        ["start"] = new JsonObject { ["dateTime"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = start.AddMinutes(30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["isCancelled"] = cancelled,
        ["isOrganizer"] = ownerResponse == "organizer",
        ["responseStatus"] = new JsonObject { ["response"] = ownerResponse, ["time"] = "0001-01-01T00:00:00Z" },
        ["organizer"] = Address(Mailbox, "Avery"),
        ["attendees"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "required",
                ["status"] = new JsonObject { ["response"] = response, ["time"] = "2026-01-01T00:00:00Z" },
                ["emailAddress"] = new JsonObject { ["name"] = "Dana", ["address"] = attendee },
            },
            new JsonObject
            {
                ["type"] = "resource",
                ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = "2026-01-01T00:00:00Z" },
                ["emailAddress"] = new JsonObject { ["name"] = "Room 4", ["address"] = "room4@northwind.com" },
            }),
        ["isOnlineMeeting"] = online,
        ["onlineMeetingProvider"] = online ? "teamsForBusiness" : "unknown",
        ["onlineMeeting"] = online ? new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/19%3a" + id } : null,
        ["location"] = new JsonObject { ["displayName"] = location ?? "", ["locationType"] = "default", ["uniqueIdType"] = "unknown" },
        ["locations"] = location is null ? new JsonArray() : new JsonArray(new JsonObject { ["displayName"] = location, ["locationType"] = "default" }),
    };

    [Fact]
    public async Task Events_in_the_window_are_read_with_their_medium_and_responses()
    {
        await using var graph = await StartAsync();
        var mailbox = graph.Server.Mailbox(Mailbox);
        mailbox.AddEvent(Event("video", Now.AddDays(-3), "Dana@Fabrikam.com", online: true));
        mailbox.AddEvent(Event("cafe", Now.AddDays(-10), "lee@contoso.com", location: "Fourth Coffee, Pike St"));
        mailbox.AddEvent(Event("declined", Now.AddDays(-20), "kim@adatum.com", response: "declined"));
        mailbox.AddEvent(Event("cancelled", Now.AddDays(-30), "kim@adatum.com", cancelled: true));
        mailbox.AddEvent(Event("too-old", Now.AddDays(-900), "kim@adatum.com"));

        var events = (await AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, Window, null, TestContext.Current.CancellationToken)))
            .SelectMany(p => p.Items).ToDictionary(e => e.Id);

        Assert.Equal(["cafe", "cancelled", "declined", "video"], events.Keys.Order());
        Assert.Equal(MeetingMedium.Video, MeetingMediumClassifier.Classify(events["video"]));
        Assert.Equal(MeetingMedium.InPerson, MeetingMediumClassifier.Classify(events["cafe"]));
        Assert.Equal(MeetingResponse.Declined, events["declined"].Attendees[0].Response);
        Assert.True(events["cancelled"].IsCancelled);
        Assert.Equal(AttendeeKind.Resource, events["video"].Attendees[1].Kind);
        Assert.Equal(Now.AddDays(-3), events["video"].Start);
    }

    [Fact]
    public async Task The_window_is_sent_and_no_select_is_asked()
    {
        await using var graph = await StartAsync();
        graph.Server.Mailbox(Mailbox);

        await AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, Window, null, TestContext.Current.CancellationToken));

        var request = graph.Server.Requests.Entries.Single();
        Assert.Equal("2024-06-01T12:00:00Z", request.Query["startDateTime"]);
        Assert.Equal("2026-10-04T12:00:00Z", request.Query["endDateTime"]);
        Assert.Null(request.Select);
        Assert.Contains(request.Prefer, p => p.Contains("outlook.timezone=\"UTC\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Occurrences_of_a_recurring_series_are_separate_events()
    {
        await using var graph = await StartAsync();
        var mailbox = graph.Server.Mailbox(Mailbox);
        for (var week = 0; week < 4; week++)
        {
            mailbox.AddEvent(Event($"occ{week}", Now.AddDays(-14 + (7 * week)), "dana@fabrikam.com", online: true, type: "occurrence", seriesMasterId: "series-1"));
        }

        var events = (await AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, Window, null, TestContext.Current.CancellationToken))).SelectMany(p => p.Items).ToList();

        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal("series-1", e.SeriesMasterId));
        Assert.Equal(2, events.Count(e => e.Start < Now));
    }

    [Fact]
    public async Task A_cancellation_after_the_first_sync_arrives_through_the_delta_link()
    {
        await using var graph = await StartAsync();
        var mailbox = graph.Server.Mailbox(Mailbox);
        mailbox.AddEvent(Event("e1", Now.AddDays(5), "dana@fabrikam.com", online: true));
        mailbox.AddEvent(Event("e2", Now.AddDays(6), "lee@contoso.com", online: true));
        var full = await AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, Window, null, TestContext.Current.CancellationToken));

        mailbox.UpdateEvent(Event("e1", Now.AddDays(5), "dana@fabrikam.com", online: true, cancelled: true));
        mailbox.RemoveEvent("e2");
        var changes = Assert.Single(await AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, Window, full[^1].Cursor, TestContext.Current.CancellationToken)));

        Assert.True(Assert.Single(changes.Items).IsCancelled);
        Assert.Equal(["e2"], changes.RemovedIds);
    }

    // ---- calendarView/delta guard (msgraph-sdk-dotnet#3070, #3082) ----

    private static Outreach.Core.Scanning.MailboxScanner Scanner(IMailboxReader reader, string dir) => new(
        reader,
        new Outreach.Storage.Files.State.FileMailboxStateStore(dir),
        Microsoft.Extensions.Options.Options.Create(new Outreach.Core.Policy.WarmthPolicyOptions()),
        Microsoft.Extensions.Options.Options.Create(new Outreach.Core.Scanning.ScanOptions()),
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<Outreach.Core.Scanning.MailboxScanner>.Instance);

    private static async Task<GraphFixture> WithMeetings(int count)
    {
        var graph = await StartAsync(o => o.PageSize = 2);
        var mailbox = graph.Server.Mailbox(Mailbox);
        for (var i = 0; i < count; i++) mailbox.AddEvent(Event($"e{i}", Now.AddDays(-10 - i), $"p{i}@fabrikam.com", online: true));
        return graph;
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "outreach-cal-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_calendar_next_link_that_repeats_forever_fails_the_scan_after_one_resync()
    {
        await using var graph = await WithMeetings(6);
        graph.Server.Faults.Calendar.RepeatNextLink(1000);
        var dir = TempDir();
        try
        {
            var error = await Assert.ThrowsAsync<MailboxAccessException>(() =>
                Scanner(graph.Reader, dir).ScanAsync(new Outreach.Core.Scanning.ScanRequest(Mailbox, Now), null, TestContext.Current.CancellationToken));

            Assert.Contains("same calendar page", error.Message, StringComparison.Ordinal);
            Assert.Contains("started over", error.Message, StringComparison.Ordinal);
            // Started twice (the first sync and the one resync), each stopped at the first repeated link.
            var calendar = graph.Server.Requests.Entries.Where(e => e.Path.Contains("calendarView", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.Equal(2, calendar.Count(e => e.Query.ContainsKey("startDateTime")));
            Assert.Equal(4, calendar.Count);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_calendar_loop_that_clears_after_the_resync_gives_every_meeting_once()
    {
        await using var graph = await WithMeetings(6);
        graph.Server.Faults.Calendar.RepeatNextLink(1);
        var dir = TempDir();
        try
        {
            var result = await Scanner(graph.Reader, dir).ScanAsync(new Outreach.Core.Scanning.ScanRequest(Mailbox, Now), null, TestContext.Current.CancellationToken);

            Assert.Equal(6, result.Contacts.Count(c => c.Status == Outreach.Core.Policy.ContactStatus.Met));
            var state = await new Outreach.Storage.Files.State.FileMailboxStateStore(dir).LoadAsync(Mailbox, TestContext.Current.CancellationToken);
            Assert.Equal(6, state!.Meetings.Count);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Duplicate_ids_and_oversized_pages_count_each_meeting_once()
    {
        await using var graph = await WithMeetings(7);
        graph.Server.Faults.Calendar.DuplicateIds(true);
        graph.Server.Faults.Calendar.OversizePages(2);

        var pages = await AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, Window, null, TestContext.Current.CancellationToken));

        // Within a page an id comes once; across pages the repeats replace by id, never add.
        Assert.All(pages, p => Assert.Equal(p.Items.Count, p.Items.Select(e => e.Id).Distinct().Count()));
        Assert.True(pages.Sum(p => p.Items.Count) > 7, "the fault must really repeat ids across pages");
        var state = Outreach.Core.State.MailboxState.Create(Mailbox);
        foreach (var page in pages) TouchpointRecorder.ApplyCalendar(state, page);
        Assert.Equal(7, state.Meetings.Count);
        Assert.True(pages[^1].IsFinal);
    }

    [Fact]
    public async Task Calendar_delta_never_sends_select()
    {
        await using var graph = await WithMeetings(3);

        var pages = await AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, Window, null, TestContext.Current.CancellationToken));

        Assert.Equal(3, pages.Sum(p => p.Items.Count));
        Assert.All(graph.Server.Requests.Entries, e =>
        {
            Assert.False(e.Query.ContainsKey("$select"));
            Assert.False(e.Query.ContainsKey("select"));
            Assert.Null(e.Select);
        });
    }
}
