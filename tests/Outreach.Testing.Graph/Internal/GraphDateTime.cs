using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>Parsing and formatting of the two date-time shapes Graph uses.</summary>
internal static class GraphDateTime
{
    private const string WallClockFormat = "yyyy-MM-ddTHH:mm:ss.fffffff";

    /// <summary>An ISO 8601 instant such as <c>2026-01-05T15:00:00Z</c>; no offset means UTC, as in Graph.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);

    public static DateTimeOffset ParseInstant(string text) =>
        TryParseInstant(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not an ISO 8601 date-time.");

    /// <summary>Graph writes whole seconds as <c>2026-01-05T15:00:00Z</c>; keep fractions only when present.</summary>
    public static string FormatInstant(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffffffZ";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>The wall-clock part of a dateTimeTimeZone, e.g. <c>2026-01-05T15:00:00.0000000</c> (no offset).</summary>
    public static DateTime ParseWallClock(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? DateTime.SpecifyKind(value, DateTimeKind.Unspecified)
            : throw new FormatException($"'{text}' is not a dateTimeTimeZone date-time.");

    public static string FormatWallClock(DateTime value) => value.ToString(WallClockFormat, CultureInfo.InvariantCulture);

    /// <summary>The instant a dateTimeTimeZone object denotes.</summary>
    public static DateTimeOffset ToInstant(JsonObject dateTimeTimeZone)
    {
        var text = dateTimeTimeZone["dateTime"]?.GetValue<string>()
            ?? throw new FormatException("A dateTimeTimeZone needs \"dateTime\".");
        var wallClock = ParseWallClock(text);
        var zone = dateTimeTimeZone["timeZone"]?.GetValue<string>();
        if (string.IsNullOrEmpty(zone) || zone.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return new DateTimeOffset(wallClock, TimeSpan.Zero);
        }

        // IANA ids resolve everywhere; anything else fails loudly rather than silently meaning UTC.
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        return new DateTimeOffset(wallClock, timeZone.GetUtcOffset(wallClock));
    }

    /// <summary>The dateTimeTimeZone Graph returns by default (no Prefer outlook.timezone): UTC.</summary>
    public static JsonObject ToUtcDateTimeTimeZone(DateTimeOffset instant) => new()
    {
        ["dateTime"] = FormatWallClock(instant.UtcDateTime),
        ["timeZone"] = "UTC",
    };
}
