using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;
using static Outreach.Testing.Graph.Tests.Support.InvitationItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class CreateEventTests
{
    private static readonly DateTimeOffset Start = Now.AddDays(2);
    private static readonly DateTimeOffset End = Start.AddMinutes(30);

    [Fact]
    public async Task Post_event_returns_201_with_the_stored_event()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx-1"));

        Assert.Equal(201, reply.Status);
        var ev = reply.Body;
        var id = (string)ev["id"]!;
        Assert.StartsWith("AAMkA", id, StringComparison.Ordinal);
        Assert.Equal($"{server.BaseUrl}/$metadata#users('{User}')/events/$entity", (string?)ev["@odata.context"]);
        Assert.StartsWith("040000008200E00074C5B7101A82E008", (string)ev["iCalUId"]!, StringComparison.Ordinal);
        Assert.StartsWith("https://outlook.office365.com/owa/?itemid=", (string)ev["webLink"]!, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse((string?)ev["createdDateTime"], System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("Catch up", (string?)ev["subject"]);
        Assert.Equal("html", (string?)ev["body"]!["contentType"]);
        Assert.Equal("<p>Hi Jordan,</p><p>shall we catch up?</p>", (string?)ev["body"]!["content"]);
        Assert.Equal("Hi Jordan, shall we catch up?", (string?)ev["bodyPreview"]);
        Assert.Equal("""{"dateTime":"2026-01-03T12:00:00.0000000","timeZone":"UTC"}""", ev["start"]!.ToJsonString());
        Assert.Equal("""{"dateTime":"2026-01-03T12:30:00.0000000","timeZone":"UTC"}""", ev["end"]!.ToJsonString());
        Assert.Equal("tx-1", (string?)ev["transactionId"]);
        Assert.False((bool)ev["allowNewTimeProposals"]!);
        Assert.Equal("Teams", (string?)ev["location"]!["displayName"]);
        Assert.Null(ev["location"]!["@odata.type"]);
        Assert.True((bool)ev["isOrganizer"]!);
        Assert.Equal("organizer", (string?)ev["responseStatus"]!["response"]);
        Assert.Equal(User, (string?)ev["organizer"]!["emailAddress"]!["address"]);
        Assert.Equal("Avery Quinn", (string?)ev["organizer"]!["emailAddress"]!["name"]);
        var attendee = Assert.Single(ev["attendees"]!.AsArray())!;
        Assert.Equal("none", (string?)attendee["status"]!["response"]);
        Assert.Equal("required", (string?)attendee["type"]);
        Assert.Equal(Contact, (string?)attendee["emailAddress"]!["address"]);
        Assert.Null(attendee["@odata.type"]);
        Assert.False((bool)ev["isOnlineMeeting"]!);
        Assert.Null(ev["onlineMeeting"]);
        Assert.Equal("busy", (string?)ev["showAs"]);
        Assert.StartsWith("application/json", reply.ContentType, StringComparison.Ordinal);

        Assert.Equal(1, mailbox.CreatedEventCount);
        Assert.Equal("tx-1", (string?)Assert.Single(mailbox.PostedEvents)["transactionId"]);
        Assert.Equal("#microsoft.graph.event", (string?)mailbox.PostedEvents[0]["@odata.type"]); // as sent
        Assert.Equal("Catch up", (string?)mailbox.FindEvent(id)!["subject"]);
    }

    [Fact]
    public async Task Post_to_calendar_events_creates_the_event_too()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.PostAsync(CalendarEvents(server), Invitation(Start, End));

        Assert.Equal(201, reply.Status);
        Assert.Equal($"{server.BaseUrl}/$metadata#users('{User}')/calendar/events/$entity", (string?)reply.Body["@odata.context"]);
        Assert.NotNull(mailbox.FindEvent((string)reply.Body["id"]!));
        Assert.Equal(1, mailbox.CreatedEventCount);
    }

    [Fact]
    public async Task Teams_meeting_gets_a_join_url()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.PostAsync(Events(server), Invitation(Start, End, online: true));

        Assert.Equal(201, reply.Status);
        Assert.True((bool)reply.Body["isOnlineMeeting"]!);
        Assert.Equal("teamsForBusiness", (string?)reply.Body["onlineMeetingProvider"]);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", (string)reply.Body["onlineMeeting"]!["joinUrl"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_transactionId_returns_the_existing_event_without_creating_another()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();

        var first = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx-retry"));
        var retry = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx-retry"));
        var other = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx-other"));

        Assert.Equal(201, first.Status);
        Assert.Equal(201, retry.Status);
        Assert.Equal((string?)first.Body["id"], (string?)retry.Body["id"]);
        Assert.Equal((string?)first.Body["iCalUId"], (string?)retry.Body["iCalUId"]);
        Assert.NotEqual((string?)first.Body["id"], (string?)other.Body["id"]);
        Assert.Equal(2, mailbox.CreatedEventCount);
        Assert.Equal(3, mailbox.PostedEvents.Count);
    }

    [Fact]
    public async Task TransactionId_is_per_mailbox()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mine = server.Mailbox(User);
        var theirs = server.Mailbox("other@northwind-labs.com");
        using var http = new GraphHttp();

        var a = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx"));
        var b = await http.PostAsync(Events(server, "other@northwind-labs.com"), Invitation(Start, End, transactionId: "tx"));

        Assert.NotEqual((string?)a.Body["id"], (string?)b.Body["id"]);
        Assert.Equal(1, mine.CreatedEventCount);
        Assert.Equal(1, theirs.CreatedEventCount);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_transactionId_create_one_event()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx-race"))));

        Assert.All(replies, r => Assert.Equal(201, r.Status));
        Assert.Single(replies.Select(r => (string?)r.Body["id"]).Distinct());
        Assert.Equal(1, mailbox.CreatedEventCount);
        Assert.Equal(8, mailbox.PostedEvents.Count);
    }

    [Fact]
    public async Task Windows_time_zone_names_are_accepted_and_kept()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();
        var body = Invitation(Start, End);
        body["start"] = new JsonObject { ["dateTime"] = "2026-01-05T09:00:00", ["timeZone"] = "W. Europe Standard Time" };
        body["end"] = new JsonObject { ["dateTime"] = "2026-01-05T09:30:00", ["timeZone"] = "W. Europe Standard Time" };

        var reply = await http.PostAsync(Events(server), body);
        var delta = await http.ReadAllPagesAsync(CalendarDelta(server, Now, Now.AddDays(7)));

        Assert.Equal(201, reply.Status);
        Assert.Equal("""{"dateTime":"2026-01-05T09:00:00.0000000","timeZone":"W. Europe Standard Time"}""", reply.Body["start"]!.ToJsonString());
        Assert.Equal("W. Europe Standard Time", (string?)reply.Body["originalStartTimeZone"]);
        Assert.Equal("""{"dateTime":"2026-01-05T08:00:00.0000000","timeZone":"UTC"}""", Assert.Single(delta.Items)["start"]!.ToJsonString());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"subject":"x","end":{"dateTime":"2026-01-03T12:30:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"subject":"x","start":{"dateTime":"2026-01-03T12:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"start":{"dateTime":"2026-01-03T12:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-01-03T12:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"start":{"dateTime":"2026-01-03T12:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-01-03T11:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"start":{"dateTime":"tomorrow","timeZone":"UTC"},"end":{"dateTime":"2026-01-03T12:30:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"start":"2026-01-03T12:00:00Z","end":{"dateTime":"2026-01-03T12:30:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"start":{"dateTime":"2026-01-03T12:00:00","timeZone":"Mars/Olympus_Mons"},"end":{"dateTime":"2026-01-03T12:30:00","timeZone":"UTC"}}""", "TimeZoneNotSupportedException" },
        { """{"start":{"dateTime":"2026-01-03T12:00:00"},"end":{"dateTime":"2026-01-03T12:30:00","timeZone":"UTC"}}""", "TimeZoneNotSupportedException" },
        { """{"start":{"dateTime":"2026-01-03T12:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-01-03T12:30:00","timeZone":"UTC"},"onlineMeetingProvider":"zoom"}""", "BadRequest" },
        { """{"start":{"dateTime":"2026-01-03T12:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-01-03T12:30:00","timeZone":"UTC"},"attendees":[{"emailAddress":{"address":""}}]}""", "ErrorInvalidRecipients" },
        { """{"subject": "unterminated""", "BadRequest" },
        { "[1,2,3]", "BadRequest" },
        { "", "BadRequest" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_event_returns_400_and_creates_nothing(string body, string code)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.PostRawAsync(Events(server), body);

        Assert.Equal(400, reply.Status);
        Assert.Equal(code, reply.ErrorCode);
        Assert.False(string.IsNullOrEmpty(reply.ErrorMessage));
        Assert.NotNull(reply.Body["error"]!["innerError"]!["request-id"]);
        Assert.Equal(0, mailbox.CreatedEventCount);
        Assert.Equal(0, mailbox.ChangeSequence);
    }

    [Fact]
    public async Task Unknown_time_zone_error_names_the_zone_like_Graph()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();
        var body = Invitation(Start, End);
        body["start"]!["timeZone"] = "Greenwich Mean Time";

        var reply = await http.PostAsync(Events(server), body);

        Assert.Equal(400, reply.Status);
        Assert.Equal(
            "A valid TimeZone value must be specified. The following TimeZone value is not supported: 'Greenwich Mean Time'.",
            reply.ErrorMessage);
    }

    [Fact]
    public async Task Created_event_appears_in_calendarView_delta_and_in_the_next_round()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        mailbox.AddEvent(Event("existing", Now.AddHours(1), Now.AddHours(2)));
        using var http = new GraphHttp();
        var first = await http.ReadAllPagesAsync(CalendarDelta(server, Now, Now.AddDays(7)));

        var created = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx-delta"));
        var next = await http.ReadAllPagesAsync(first.DeltaLink);
        var fresh = await http.ReadAllPagesAsync(CalendarDelta(server, Now, Now.AddDays(7)));

        var id = (string)created.Body["id"]!;
        Assert.Equal(["existing"], first.Ids);
        var reported = Assert.Single(next.Items);
        Assert.Equal(id, (string?)reported["id"]);
        Assert.Equal("tx-delta", (string?)reported["transactionId"]);
        Assert.Equal("none", (string?)reported["attendees"]![0]!["status"]!["response"]);
        Assert.Equal(["existing", id], fresh.Ids);
    }

    [Fact]
    public async Task Attendee_response_change_appears_in_the_next_delta()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();
        var created = await http.PostAsync(Events(server), Invitation(Start, End, attendees: [Contact, "sam@contoso.com"]));
        var id = (string)created.Body["id"]!;
        var first = await http.ReadAllPagesAsync(CalendarDelta(server, Now, Now.AddDays(7)));

        mailbox.SetAttendeeResponse(id, "JORDAN.LEE@contoso.com", "accepted");
        var afterAccept = await http.ReadAllPagesAsync(first.DeltaLink);
        mailbox.SetAttendeeResponse(id, "sam@contoso.com", "declined");
        var afterDecline = await http.ReadAllPagesAsync(afterAccept.DeltaLink);
        var quiet = await http.ReadAllPagesAsync(afterDecline.DeltaLink);

        var accepted = Assert.Single(afterAccept.Items);
        Assert.Equal("accepted", (string?)accepted["attendees"]![0]!["status"]!["response"]);
        Assert.Equal("none", (string?)accepted["attendees"]![1]!["status"]!["response"]);
        Assert.NotEqual("0001-01-01T00:00:00Z", (string?)accepted["attendees"]![0]!["status"]!["time"]);
        Assert.NotEqual((string?)created.Body["changeKey"], (string?)accepted["changeKey"]);
        var declined = Assert.Single(afterDecline.Items);
        Assert.Equal("accepted", (string?)declined["attendees"]![0]!["status"]!["response"]);
        Assert.Equal("declined", (string?)declined["attendees"]![1]!["status"]!["response"]);
        Assert.Empty(quiet.Items);
        Assert.Equal(1, mailbox.CreatedEventCount);
    }

    [Fact]
    public async Task Replay_after_an_attendee_answered_returns_the_current_event()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        using var http = new GraphHttp();
        var created = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx"));
        mailbox.SetAttendeeResponse((string)created.Body["id"]!, Contact, "tentativelyAccepted");

        var replay = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx"));

        Assert.Equal(201, replay.Status);
        Assert.Equal("tentativelyAccepted", (string?)replay.Body["attendees"]![0]!["status"]!["response"]);
    }

    [Fact]
    public async Task SetAttendeeResponse_rejects_unknown_events_attendees_and_responses()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        mailbox.AddEvent(Event("e1", Start, End));

        Assert.Throws<InvalidOperationException>(() => mailbox.SetAttendeeResponse("nope", Contact, "accepted"));
        Assert.Throws<InvalidOperationException>(() => mailbox.SetAttendeeResponse("e1", Contact, "accepted"));
        Assert.Throws<ArgumentException>(() => mailbox.SetAttendeeResponse("e1", Contact, "maybe"));
    }

    [Fact]
    public async Task Access_denied_on_post_looks_like_Graph_and_creates_nothing()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        server.Faults.DenyAccess(User);
        using var http = new GraphHttp();

        var reply = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx"));

        Assert.Equal(403, reply.Status);
        Assert.Equal("ErrorAccessDenied", reply.ErrorCode);
        Assert.Equal("Access is denied. Check credentials and try again.", reply.ErrorMessage);
        Assert.Equal("application/json", reply.ContentType);
        Assert.NotNull(reply.Body["error"]!["innerError"]!["client-request-id"]);
        Assert.Equal(0, mailbox.CreatedEventCount);
        Assert.Empty(mailbox.PostedEvents);
        var logged = Assert.Single(server.Requests.Entries);
        Assert.Equal(("POST", 403, User), (logged.Method, logged.StatusCode, logged.Mailbox));
    }

    [Fact]
    public async Task Throttled_post_then_retry_creates_one_event()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var mailbox = server.Mailbox(User);
        server.Faults.Throttle(1, retryAfterSeconds: 2, mailbox: User);
        using var http = new GraphHttp();

        var throttled = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx"));
        var retried = await http.PostAsync(Events(server), Invitation(Start, End, transactionId: "tx"));

        Assert.Equal(429, throttled.Status);
        Assert.Equal("2", throttled.Header("Retry-After"));
        Assert.Equal(201, retried.Status);
        Assert.Equal(1, mailbox.CreatedEventCount);
        Assert.Equal([429, 201], server.Requests.Entries.Select(e => e.StatusCode));
    }

    [Fact]
    public async Task Unknown_mailbox_and_wrong_method_get_Graph_errors()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var unknown = await http.PostAsync(Events(server, "nobody@northwind-labs.com"), Invitation(Start, End));
        var get = await http.GetAsync(Events(server));

        Assert.Equal(404, unknown.Status);
        Assert.Equal("ErrorInvalidUser", unknown.ErrorCode);
        Assert.Equal(405, get.Status);
    }
}
