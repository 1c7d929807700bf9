using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>A mailbox's time zone and working hours, as mailboxSettings and getSchedule report them.</summary>
internal sealed record MailboxSettingsState(string TimeZone, IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    public static readonly MailboxSettingsState Default = new(
        "UTC",
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(8, 0),
        new TimeOnly(17, 0));

    /// <summary>Graph's workingHours object: <c>{"daysOfWeek":["monday",…],"startTime":"08:00:00.0000000",…}</c>.</summary>
    public JsonObject WorkingHoursJson() => new()
    {
        ["daysOfWeek"] = new JsonArray([.. Days.Select(d => (JsonNode)JsonValue.Create(d.ToString().ToLowerInvariant()))]),
        ["startTime"] = TimeOfDay(Start),
        ["endTime"] = TimeOfDay(End),
        ["timeZone"] = new JsonObject { ["name"] = TimeZone },
    };

    private static string TimeOfDay(TimeOnly time) => time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
}
