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
        TryParseWallClock(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a dateTimeTimeZone date-time.");

    /// <remarks>A trailing "Z" is tolerated and ignored (the timeZone decides), never read as the machine's zone.</remarks>
    public static bool TryParseWallClock(string text, out DateTime value)
    {
        var ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        return ok;
    }

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

        // Windows and IANA names resolve; anything else fails loudly rather than silently meaning UTC.
        var timeZone = GraphTimeZones.Find(zone);
        return new DateTimeOffset(wallClock, timeZone.GetUtcOffset(wallClock));
    }

    /// <summary>The instant as a dateTimeTimeZone in a named zone, as Graph writes it for Prefer: outlook.timezone.</summary>
    public static JsonObject ToDateTimeTimeZone(DateTimeOffset instant, string zoneName, TimeZoneInfo zone) => new()
    {
        ["dateTime"] = FormatWallClock(TimeZoneInfo.ConvertTime(instant, zone).DateTime),
        ["timeZone"] = zoneName,
    };

    /// <summary>A server timestamp as Graph writes them: UTC with seven fractional digits.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// A dateTimeTimeZone from a request body, normalised the way Graph echoes it (seven fractional
    /// digits, zone name as sent), and its instant. Graph's 400s for a missing or unreadable value
    /// (ErrorInvalidRequest) and for a zone it does not know (TimeZoneNotSupportedException).
    /// </summary>
    /// <param name="node">The posted value.</param>
    /// <param name="what">How error messages name it, e.g. "the event's 'start'".</param>
    public static (JsonObject Value, DateTimeOffset Instant) FromRequest(JsonNode? node, string what)
    {
        if (node is not JsonObject value)
        {
            throw new GraphErrorException(GraphError.InvalidRequest(
                $"Your request can't be completed. {Capitalised(what)} is required and must be a dateTimeTimeZone."));
        }

        var zoneName = value["timeZone"] is JsonValue zoneValue && zoneValue.TryGetValue<string>(out var z) ? z : null;
        if (!GraphTimeZones.TryFind(zoneName, out var zone))
        {
            throw new GraphErrorException(GraphError.TimeZoneNotSupported(zoneName));
        }

        var text = value["dateTime"] is JsonValue textValue && textValue.TryGetValue<string>(out var t) ? t : null;
        if (text is null || !TryParseWallClock(text, out var wallClock))
        {
            throw new GraphErrorException(GraphError.InvalidRequest(
                $"Your request can't be completed. '{text}' is not a valid dateTime for {what}."));
        }

        var normalised = new JsonObject { ["dateTime"] = FormatWallClock(wallClock), ["timeZone"] = zoneName };
        return (normalised, new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock)));
    }

    /// <summary>The dateTimeTimeZone Graph returns by default (no Prefer outlook.timezone): UTC.</summary>
    public static JsonObject ToUtcDateTimeTimeZone(DateTimeOffset instant) => new()
    {
        ["dateTime"] = FormatWallClock(instant.UtcDateTime),
        ["timeZone"] = "UTC",
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
