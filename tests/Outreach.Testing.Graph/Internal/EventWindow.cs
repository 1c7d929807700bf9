using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>An event's [start, end) as instants, and the calendarView overlap rule.</summary>
internal readonly record struct EventWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public static EventWindow Of(JsonObject ev) => new(
        GraphDateTime.ToInstant(ev["start"] as JsonObject ?? throw new FormatException("An event needs \"start\".")),
        GraphDateTime.ToInstant(ev["end"] as JsonObject ?? throw new FormatException("An event needs \"end\".")));

    /// <summary>Rejects an event whose start/end the server could not interpret later, at the moment it is added.</summary>
    public static void Validate(JsonObject ev)
    {
        try
        {
            _ = Of(ev);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or TimeZoneNotFoundException)
        {
            throw new ArgumentException($"Event '{ev["id"]}' has no usable start/end: {ex.Message}", nameof(ev), ex);
        }
    }

    /// <summary>calendarView returns events that overlap the window: they start before it ends and end after it starts.</summary>
    public bool Overlaps(DateTimeOffset windowStart, DateTimeOffset windowEnd) => Start < windowEnd && End > windowStart;
}
