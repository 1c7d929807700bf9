using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;
using static Outreach.Testing.Graph.Tests.Support.InvitationItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class GetScheduleTests
{
    // A Monday, 09:00–12:00 UTC, in 30-minute slots: six digits.
    private static readonly DateTimeOffset Day = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Busy_blocks_and_events_make_schedule_items_and_the_availability_view()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        var contact = server.Mailbox(Contact);
        contact.AddBusy(Day.AddMinutes(30), Day.AddMinutes(90));
        contact.AddBusy(Day.AddHours(1), Day.AddHours(2.5), "oof"); // overlaps the standup: oof wins the slot
        var tentative = Event("tentative", Day.AddHours(2.5), Day.AddHours(3));
        tentative["showAs"] = "tentative";
        tentative["location"] = new JsonObject { ["displayName"] = "Room 1" };
        contact.AddEvent(tentative);
        contact.AddEvent(Event("standup", Day.AddHours(1), Day.AddHours(1.5), subject: "Standup"));
        var cancelled = Event("cancelled", Day, Day.AddMinutes(30));
        cancelled["isCancelled"] = true;
        contact.AddEvent(cancelled);
        contact.AddEvent(Event("outside", Day.AddDays(1), Day.AddDays(1).AddHours(1)));
        using var http = new GraphHttp();

        var reply = await http.PostAsync(GetSchedule(server), ScheduleRequest(Day, Day.AddHours(3)));

        Assert.Equal(200, reply.Status);
        Assert.Equal($"{server.BaseUrl}/$metadata#Collection(microsoft.graph.scheduleInformation)", (string?)reply.Body["@odata.context"]);
        var schedule = Assert.Single(reply.Items);
        Assert.Equal(Contact, (string?)schedule["scheduleId"]);
        Assert.Equal("023331", (string?)schedule["availabilityView"]);
        var items = schedule["scheduleItems"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["busy", "busy", "oof", "tentative"], items.Select(i => (string?)i["status"]));
        Assert.Equal("""{"dateTime":"2026-01-05T09:30:00.0000000","timeZone":"UTC"}""", items[0]["start"]!.ToJsonString());
        Assert.Equal("""{"dateTime":"2026-01-05T10:30:00.0000000","timeZone":"UTC"}""", items[0]["end"]!.ToJsonString());
        Assert.False((bool)items[0]["isPrivate"]!);
        Assert.Null(items[0]["subject"]);
        Assert.Equal("Standup", (string?)items[1]["subject"]);
        Assert.Equal("Room 1", (string?)items[3]["location"]);
    }

    [Fact]
    public async Task Working_hours_come_from_the_schedule_owners_mailbox_settings()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        server.Mailbox(Contact).SetMailboxSettings(
            "Pacific Standard Time", [DayOfWeek.Monday, DayOfWeek.Wednesday], new TimeOnly(9, 30), new TimeOnly(18, 0));
        server.Mailbox("sam@contoso.com");
        using var http = new GraphHttp();

        var reply = await http.PostAsync(GetSchedule(server), ScheduleRequest(Day, Day.AddHours(1), schedules: [Contact, "sam@contoso.com"]));

        Assert.Equal(
            """{"daysOfWeek":["monday","wednesday"],"startTime":"09:30:00.0000000","endTime":"18:00:00.0000000","timeZone":{"name":"Pacific Standard Time"}}""",
            reply.Items[0]["workingHours"]!.ToJsonString());
        Assert.Equal(
            """{"daysOfWeek":["monday","tuesday","wednesday","thursday","friday"],"startTime":"08:00:00.0000000","endTime":"17:00:00.0000000","timeZone":{"name":"UTC"}}""",
            reply.Items[1]["workingHours"]!.ToJsonString());
        Assert.Equal("00", (string?)reply.Items[1]["availabilityView"]);
        Assert.Empty(reply.Items[1]["scheduleItems"]!.AsArray());
    }

    [Fact]
    public async Task Prefer_outlook_timezone_sets_the_zone_of_returned_times()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        server.Mailbox(Contact).AddBusy(Day, Day.AddHours(1));
        using var http = new GraphHttp();

        var reply = await http.PostAsync(
            GetSchedule(server), ScheduleRequest(Day, Day.AddHours(2), interval: 60), "outlook.timezone=\"Pacific Standard Time\"");

        var item = reply.Items[0]["scheduleItems"]![0]!;
        Assert.Equal("""{"dateTime":"2026-01-05T01:00:00.0000000","timeZone":"Pacific Standard Time"}""", item["start"]!.ToJsonString());
        Assert.Equal("20", (string?)reply.Items[0]["availabilityView"]);
    }

    [Fact]
    public async Task Window_in_another_zone_and_free_private_and_declined_events()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        var contact = server.Mailbox(Contact);
        var free = Event("free", Day, Day.AddMinutes(30));
        free["showAs"] = "free";
        contact.AddEvent(free);
        var secret = Event("secret", Day.AddMinutes(30), Day.AddHours(1), subject: "Dentist");
        secret["sensitivity"] = "private";
        contact.AddEvent(secret);
        var declined = Event("declined", Day.AddHours(1), Day.AddHours(2));
        declined["responseStatus"] = new JsonObject { ["response"] = "declined" };
        contact.AddEvent(declined);
        using var http = new GraphHttp();
        var request = ScheduleRequest(Day, Day.AddHours(2), interval: 30);
        request["startTime"] = new JsonObject { ["dateTime"] = "2026-01-05T10:00:00", ["timeZone"] = "W. Europe Standard Time" };
        request["endTime"] = new JsonObject { ["dateTime"] = "2026-01-05T12:00:00", ["timeZone"] = "W. Europe Standard Time" };

        var reply = await http.PostAsync(GetSchedule(server), request);

        var schedule = reply.Items[0];
        Assert.Equal("0200", (string?)schedule["availabilityView"]);
        var items = schedule["scheduleItems"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal("free", (string?)items[0]!["status"]);
        Assert.True((bool)items[1]!["isPrivate"]!);
        Assert.Null(items[1]!["subject"]);
    }

    [Fact]
    public async Task Invitation_created_by_post_blocks_the_organizers_schedule()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();
        await http.PostAsync(Events(server), Invitation(Day.AddHours(1), Day.AddHours(2)));

        var reply = await http.PostAsync(GetSchedule(server), ScheduleRequest(Day, Day.AddHours(3), interval: 60, schedules: User));

        Assert.Equal("020", (string?)reply.Items[0]["availabilityView"]);
        Assert.Equal("Catch up", (string?)reply.Items[0]["scheduleItems"]![0]!["subject"]);
    }

    [Fact]
    public async Task Unknown_address_gets_an_error_entry_not_a_failed_request()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.PostAsync(GetSchedule(server), ScheduleRequest(Day, Day.AddHours(1), schedules: "ghost@contoso.com"));

        Assert.Equal(200, reply.Status);
        var entry = Assert.Single(reply.Items);
        Assert.Equal("ghost@contoso.com", (string?)entry["scheduleId"]);
        Assert.Equal("5009", (string?)entry["error"]!["responseCode"]);
        Assert.Null(entry["availabilityView"]);
    }

    [Fact]
    public async Task Action_name_with_namespace_is_accepted()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        server.Mailbox(Contact);
        using var http = new GraphHttp();

        var reply = await http.PostAsync(
            $"{server.BaseUrl}/users/{User}/calendar/microsoft.graph.getSchedule", ScheduleRequest(Day, Day.AddHours(1)));

        Assert.Equal(200, reply.Status);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"startTime":{"dateTime":"2026-01-05T09:00:00","timeZone":"UTC"},"endTime":{"dateTime":"2026-01-05T10:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"schedules":[],"startTime":{"dateTime":"2026-01-05T09:00:00","timeZone":"UTC"},"endTime":{"dateTime":"2026-01-05T10:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"schedules":["a@b.c"],"endTime":{"dateTime":"2026-01-05T10:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"schedules":["a@b.c"],"startTime":{"dateTime":"2026-01-05T10:00:00","timeZone":"UTC"},"endTime":{"dateTime":"2026-01-05T09:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"schedules":["a@b.c"],"startTime":{"dateTime":"2026-01-05T09:00:00","timeZone":"UTC"},"endTime":{"dateTime":"2026-04-05T09:00:00","timeZone":"UTC"}}""", "ErrorInvalidRequest" },
        { """{"schedules":["a@b.c"],"startTime":{"dateTime":"2026-01-05T09:00:00","timeZone":"UTC"},"endTime":{"dateTime":"2026-01-05T10:00:00","timeZone":"UTC"},"availabilityViewInterval":2}""", "ErrorInvalidRequest" },
        { """{"schedules":["a@b.c"],"startTime":{"dateTime":"2026-01-05T09:00:00","timeZone":"Nowhere"},"endTime":{"dateTime":"2026-01-05T10:00:00","timeZone":"UTC"}}""", "TimeZoneNotSupportedException" },
        { "{schedules:", "BadRequest" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_request_returns_400(string body, string code)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        using var http = new GraphHttp();

        var reply = await http.PostRawAsync(GetSchedule(server), body);

        Assert.Equal(400, reply.Status);
        Assert.Equal(code, reply.ErrorCode);
    }

    [Fact]
    public async Task Property_names_match_case_insensitively_like_Graph()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        server.Mailbox(Contact).AddBusy(Day, Day.AddHours(1));
        using var http = new GraphHttp();

        var reply = await http.PostRawAsync(GetSchedule(server), $$"""
            {"Schedules":["{{Contact}}"],"StartTime":{"dateTime":"2026-01-05T09:00:00","timeZone":"UTC"},
             "EndTime":{"dateTime":"2026-01-05T10:00:00","timeZone":"UTC"},"AvailabilityViewInterval":60}
            """);

        Assert.Equal(200, reply.Status);
        Assert.Equal("2", (string?)reply.Items[0]["availabilityView"]);
    }

    [Fact]
    public async Task Faults_apply_to_getSchedule_and_it_is_logged()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        server.Faults.Throttle(1, status: 503, retryAfterSeconds: 3);
        using var http = new GraphHttp();

        var throttled = await http.PostAsync(GetSchedule(server), ScheduleRequest(Day, Day.AddHours(1)));
        var ok = await http.PostAsync(GetSchedule(server), ScheduleRequest(Day, Day.AddHours(1)), "outlook.timezone=\"UTC\"");

        Assert.Equal(503, throttled.Status);
        Assert.Equal("3", throttled.Header("Retry-After"));
        Assert.Equal(200, ok.Status);
        var logged = server.Requests.Entries;
        Assert.Equal(["POST", "POST"], logged.Select(e => e.Method));
        Assert.All(logged, e => Assert.Equal(User, e.Mailbox));
        Assert.Equal(["outlook.timezone=\"UTC\""], logged[1].Prefer);
    }
}
