using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Tests.Support;

/// <summary>Request bodies and URLs for the invitation endpoints (events, getSchedule, mailboxSettings, profile, sendMail).</summary>
internal static class InvitationItems
{
    public const string Contact = "jordan.lee@contoso.com";

    public static string Events(GraphLoopbackServer server, string user = GraphItems.User) => $"{server.BaseUrl}/users/{user}/events";

    public static string CalendarEvents(GraphLoopbackServer server, string user = GraphItems.User) => $"{server.BaseUrl}/users/{user}/calendar/events";

    public static string GetSchedule(GraphLoopbackServer server, string user = GraphItems.User) => $"{server.BaseUrl}/users/{user}/calendar/getSchedule";

    public static string MailboxSettings(GraphLoopbackServer server, string user = GraphItems.User) => $"{server.BaseUrl}/users/{user}/mailboxSettings";

    public static string Profile(GraphLoopbackServer server, string user = GraphItems.User) => $"{server.BaseUrl}/users/{user}";

    public static string SendMail(GraphLoopbackServer server, string user = GraphItems.User) => $"{server.BaseUrl}/users/{user}/sendMail";

    /// <summary>An invitation as the SDK serialises a Graph event (with the "@odata.type" annotations Kiota adds).</summary>
    public static JsonObject Invitation(
        DateTimeOffset start,
        DateTimeOffset end,
        string? transactionId = null,
        bool online = false,
        string timeZone = "UTC",
        params string[] attendees) => new()
    {
        ["@odata.type"] = "#microsoft.graph.event",
        ["subject"] = "Catch up",
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Hi Jordan,</p><p>shall we catch up?</p>" },
        ["start"] = new JsonObject { ["dateTime"] = WallClockIn(start, timeZone), ["timeZone"] = timeZone },
        ["end"] = new JsonObject { ["dateTime"] = WallClockIn(end, timeZone), ["timeZone"] = timeZone },
        ["location"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.location", ["displayName"] = "Teams" },
        ["attendees"] = new JsonArray([.. (attendees.Length == 0 ? [Contact] : attendees).Select(a => (JsonNode)new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.attendee",
            ["emailAddress"] = new JsonObject { ["address"] = a, ["name"] = "Jordan Lee" },
            ["type"] = "required",
        })]),
        ["isOnlineMeeting"] = online,
        ["onlineMeetingProvider"] = online ? "teamsForBusiness" : null,
        ["allowNewTimeProposals"] = false,
        ["transactionId"] = transactionId,
    };

    public static JsonObject ScheduleRequest(DateTimeOffset start, DateTimeOffset end, int interval = 30, params string[] schedules) => new()
    {
        ["schedules"] = new JsonArray([.. (schedules.Length == 0 ? [Contact] : schedules).Select(s => (JsonNode)JsonValue.Create(s))]),
        ["startTime"] = GraphItems.WallClock(start),
        ["endTime"] = GraphItems.WallClock(end),
        ["availabilityViewInterval"] = interval,
    };

    private static string WallClockIn(DateTimeOffset instant, string timeZone) =>
        timeZone == "UTC"
            ? (string)GraphItems.WallClock(instant)["dateTime"]!
            : TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime
                .ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
