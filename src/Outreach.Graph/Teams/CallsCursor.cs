using System.Globalization;
using Outreach.Core.Sources;

namespace Outreach.Graph.Teams;

/// <summary>
/// Where the call-record feed stands: the newest startDateTime read (Graph's clock), the records already read that
/// started within <see cref="GraphTeamsReader.CallOverlap"/> of it (so the next run's overlap skips them by id without
/// reading their participants again), and, mid-run, the list's next link.
/// Written <c>calls1|{newest ticks or -}|{ticks:id ...or -}|{next link}</c>; call record ids are GUIDs, so neither
/// '|' nor ' ' nor ':' occurs in them, and the link comes last.
/// </summary>
internal sealed record CallsCursor(DateTimeOffset? Newest, Dictionary<string, DateTimeOffset> Seen, string? NextLink)
{
    private const string Prefix = "calls1|";

    public static CallsCursor Start => new(null, new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase), null);

    /// <summary>The same state after one more record.</summary>
    public CallsCursor With(string id, DateTimeOffset start)
    {
        Seen[id] = start;
        return Newest is { } newest && newest >= start ? this : this with { Newest = start };
    }

    /// <summary>The list is done: only the records the next run's overlap will meet again are kept.</summary>
    public CallsCursor Finished(TimeSpan overlap)
    {
        if (Newest is not { } newest) return this with { NextLink = null };
        var kept = Seen.Where(s => s.Value >= newest - overlap).ToDictionary(s => s.Key, s => s.Value, StringComparer.OrdinalIgnoreCase);
        return new CallsCursor(Newest, kept, null);
    }

    public override string ToString() =>
        Prefix + (Newest is { } n ? Ticks(n) : "-") + "|"
        + (Seen.Count == 0 ? "-" : string.Join(' ', Seen.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Ticks(s.Value) + ":" + s.Key))) + "|"
        + NextLink;

    /// <summary>A cursor this reader did not write is treated as expired: the feed starts over from <c>since</c>.</summary>
    public static CallsCursor Parse(string cursor, string stream)
    {
        var parts = cursor.StartsWith(Prefix, StringComparison.Ordinal) ? cursor[Prefix.Length..].Split('|', 3) : [];
        if (parts.Length != 3) throw Bad(stream);
        DateTimeOffset? newest = parts[0] == "-" ? null : Instant(parts[0], stream);
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        if (parts[1] != "-")
        {
            foreach (var entry in parts[1].Split(' '))
            {
                var pair = entry.Split(':', 2);
                if (pair.Length != 2 || pair[1].Length == 0) throw Bad(stream);
                seen[pair[1]] = Instant(pair[0], stream);
            }
        }

        return new CallsCursor(newest, seen, parts[2].Length == 0 ? null : parts[2]);
    }

    private static string Ticks(DateTimeOffset value) => value.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string ticks, string stream) =>
        long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : throw Bad(stream);

    private static SyncCursorExpiredException Bad(string stream) =>
        new(stream, new FormatException($"The stored {stream} cursor is not one this reader wrote."));
}
