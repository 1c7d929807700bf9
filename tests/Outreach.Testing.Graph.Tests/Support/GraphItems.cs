using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Tests.Support;

/// <summary>Small Graph message and event objects for tests, plus the URLs of the endpoints under test.</summary>
internal static class GraphItems
{
    public const string User = "avery.quinn@northwind-labs.com";

    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static JsonObject Message(string id, DateTimeOffset? received = null, string subject = "Hello") => new()
    {
        ["@odata.etag"] = $"W/\"etag-{id}\"",
        ["id"] = id,
        ["subject"] = subject,
        ["bodyPreview"] = $"Preview of {id}",
        ["receivedDateTime"] = (received ?? Now).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["from"] = new JsonObject
        {
            ["emailAddress"] = new JsonObject { ["name"] = "Sam", ["address"] = "sam@contoso.com" },
        },
    };

    public static JsonObject Event(string id, DateTimeOffset start, DateTimeOffset end, string subject = "Meeting") => new()
    {
        ["id"] = id,
        ["subject"] = subject,
        ["start"] = WallClock(start),
        ["end"] = WallClock(end),
    };

    public static JsonObject WallClock(DateTimeOffset instant) => new()
    {
        ["dateTime"] = instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };

    public static string InboxDelta(GraphLoopbackServer server, string user = User) =>
        $"{server.BaseUrl}/users/{user}/mailFolders/inbox/messages/delta";

    public static string CalendarDelta(GraphLoopbackServer server, DateTimeOffset start, DateTimeOffset end, string user = User) =>
        $"{server.BaseUrl}/users/{user}/calendarView/delta?startDateTime={Iso(start)}&endDateTime={Iso(end)}";

    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A mailbox with inbox messages m1..mN, received one minute apart (m1 oldest).</summary>
    public static FakeMailbox InboxWith(GraphLoopbackServer server, int count)
    {
        var mailbox = server.Mailbox(User);
        for (var i = 1; i <= count; i++)
        {
            mailbox.AddMessage("inbox", Message($"m{i}", Now.AddMinutes(i)));
        }

        return mailbox;
    }
}
