using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class SampleMailboxTests
{
    // Ten days and three hours after the sample's anchor (2026-01-01T12:00:00Z).
    private static readonly DateTimeOffset AsOf = new(2026, 1, 11, 15, 0, 0, TimeSpan.Zero);

    private static JsonObject Sample() => JsonNode.Parse(
        """
        {
          "anchor": "2026-01-01T12:00:00Z",
          "mailbox": { "userPrincipalName": "avery.quinn@northwind-labs.com", "displayName": "Avery Quinn" },
          "policy": { "doNotContact": [], "internalDomains": ["northwind-labs.com"] },
          "folders": {
            "inbox": [ {
              "id": "m1", "subject": "Hi",
              "receivedDateTime": "2025-12-31T09:20:15Z", "sentDateTime": "2025-12-31T09:19:47Z",
              "createdDateTime": "2025-12-31T09:20:15Z", "lastModifiedDateTime": "2025-12-31T09:20:16Z"
            } ],
            "sentitems": [ { "id": "s1", "sentDateTime": "2025-12-30T08:00:00Z" } ]
          },
          "events": [ {
            "id": "e1", "subject": "Sync",
            "start": { "dateTime": "2026-01-05T15:00:00.0000000", "timeZone": "UTC" },
            "end": { "dateTime": "2026-01-05T15:30:00.0000000", "timeZone": "UTC" },
            "createdDateTime": "2025-12-20T10:00:00Z",
            "responseStatus": { "response": "organizer", "time": "0001-01-01T00:00:00Z" }
          } ]
        }
        """)!.AsObject();

    [Fact]
    public void Shift_moves_message_and_event_dates_by_asOf_minus_anchor()
    {
        var shifted = SampleMailboxShifter.Shift(Sample(), AsOf);

        var message = shifted["folders"]!["inbox"]![0]!;
        var ev = shifted["events"]![0]!;
        Assert.Equal("2026-01-10T12:20:15Z", (string?)message["receivedDateTime"]);
        Assert.Equal("2026-01-10T12:19:47Z", (string?)message["sentDateTime"]);
        Assert.Equal("2026-01-10T12:20:15Z", (string?)message["createdDateTime"]);
        Assert.Equal("2026-01-10T12:20:16Z", (string?)message["lastModifiedDateTime"]);
        Assert.Equal("2026-01-09T11:00:00Z", (string?)shifted["folders"]!["sentitems"]![0]!["sentDateTime"]);
        Assert.Equal("2026-01-15T18:00:00.0000000", (string?)ev["start"]!["dateTime"]);
        Assert.Equal("UTC", (string?)ev["start"]!["timeZone"]);
        Assert.Equal("2026-01-15T18:30:00.0000000", (string?)ev["end"]!["dateTime"]);
        Assert.Equal("2025-12-30T13:00:00Z", (string?)ev["createdDateTime"]);
        Assert.Equal("2026-01-11T15:00:00Z", (string?)shifted["anchor"]);
    }

    [Fact]
    public void Shift_leaves_the_input_and_unlisted_dates_untouched()
    {
        var sample = Sample();
        var before = sample.ToJsonString();

        var shifted = SampleMailboxShifter.Shift(sample, AsOf);

        Assert.Equal(before, sample.ToJsonString());
        Assert.Equal("0001-01-01T00:00:00Z", (string?)shifted["events"]![0]!["responseStatus"]!["time"]);
    }

    [Fact]
    public void OffsetFor_is_asOf_minus_anchor()
    {
        Assert.Equal(TimeSpan.FromDays(10) + TimeSpan.FromHours(3), SampleMailboxShifter.OffsetFor(Sample(), AsOf));
    }

    [Fact]
    public async Task LoadSample_serves_shifted_messages_and_events_for_the_sample_user()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.LoadSample(Sample(), AsOf);
        using var http = new GraphHttp();

        var inbox = await http.ReadAllPagesAsync(InboxDelta(server));
        var sent = await http.ReadAllPagesAsync($"{server.BaseUrl}/users/{User}/mailFolders/sentitems/messages/delta");
        var calendar = await http.ReadAllPagesAsync(CalendarDelta(server, AsOf, AsOf.AddDays(7)));

        Assert.Equal("2026-01-10T12:20:15Z", (string?)Assert.Single(inbox.Items)["receivedDateTime"]);
        Assert.Equal(["s1"], sent.Ids);
        Assert.Equal("2026-01-15T18:00:00.0000000", (string?)Assert.Single(calendar.Items)["start"]!["dateTime"]);
    }

    [Fact]
    public async Task LoadSample_accepts_the_repository_sample_mailbox()
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, "Samples", "sample-mailbox.json"),
            TestContext.Current.CancellationToken))!.AsObject();
        var upn = (string)sample["mailbox"]!["userPrincipalName"]!;
        var inboxCount = sample["folders"]!["inbox"]!.AsArray().Count;
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);

        server.LoadSample(sample, AsOf);
        using var http = new GraphHttp();
        var inbox = await http.ReadAllPagesAsync(InboxDelta(server, user: upn), "odata.maxpagesize=1000");

        Assert.Equal(inboxCount, inbox.Items.Count);
        var newest = inbox.Items.Max(m => DateTimeOffset.Parse((string)m["receivedDateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(newest, AsOf.AddDays(-30), AsOf);
    }
}
