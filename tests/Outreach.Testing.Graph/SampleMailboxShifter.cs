using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Internal;

namespace Outreach.Testing.Graph;

/// <summary>
/// Moves the dates of a sample mailbox so that its "anchor" becomes a chosen instant. Samples are
/// written against a fixed anchor; shifting them keeps "last week's meeting" last week whenever a
/// test or benchmark runs.
/// </summary>
public static class SampleMailboxShifter
{
    private static readonly string[] MessageInstants =
        ["receivedDateTime", "sentDateTime", "createdDateTime", "lastModifiedDateTime"];

    private static readonly string[] EventInstants = ["createdDateTime", "lastModifiedDateTime"];

    private static readonly string[] EventWallClocks = ["start", "end"];

    /// <summary>The sample's "anchor" instant.</summary>
    public static DateTimeOffset Anchor(JsonObject sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var text = sample["anchor"]?.GetValue<string>()
            ?? throw new ArgumentException("The sample has no \"anchor\".", nameof(sample));
        return GraphDateTime.ParseInstant(text);
    }

    /// <summary>How far every date moves: asOf − anchor.</summary>
    public static TimeSpan OffsetFor(JsonObject sample, DateTimeOffset asOf) => asOf - Anchor(sample);

    /// <summary>
    /// A copy of the sample with every message and event date moved by (asOf − anchor) and the anchor set
    /// to <paramref name="asOf"/>. The input is left untouched.
    /// </summary>
    public static JsonObject Shift(JsonObject sample, DateTimeOffset asOf)
    {
        var offset = OffsetFor(sample, asOf);
        var copy = sample.DeepClone().AsObject();
        copy["anchor"] = GraphDateTime.FormatInstant(asOf);

        if (copy["folders"] is JsonObject folders)
        {
            foreach (var (_, messages) in folders)
            {
                foreach (var message in messages?.AsArray() ?? [])
                {
                    ShiftMessage(message!.AsObject(), offset);
                }
            }
        }

        foreach (var ev in copy["events"]?.AsArray() ?? [])
        {
            ShiftEvent(ev!.AsObject(), offset);
        }

        return copy;
    }

    /// <summary>Moves a Graph message's received/sent/created/lastModified instants, in place.</summary>
    public static void ShiftMessage(JsonObject message, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(message);
        ShiftInstants(message, MessageInstants, offset);
    }

    /// <summary>
    /// Moves a Graph event's start/end (dateTimeTimeZone) and created/lastModified instants, in place.
    /// The wall clock moves by the offset and keeps its time zone.
    /// </summary>
    public static void ShiftEvent(JsonObject ev, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ShiftInstants(ev, EventInstants, offset);
        foreach (var name in EventWallClocks)
        {
            if (ev[name] is JsonObject dateTimeTimeZone && dateTimeTimeZone["dateTime"]?.GetValue<string>() is { } text)
            {
                dateTimeTimeZone["dateTime"] = GraphDateTime.FormatWallClock(GraphDateTime.ParseWallClock(text) + offset);
            }
        }
    }

    private static void ShiftInstants(JsonObject item, string[] names, TimeSpan offset)
    {
        foreach (var name in names)
        {
            if (item[name]?.GetValue<string>() is { } text)
            {
                item[name] = GraphDateTime.FormatInstant(GraphDateTime.ParseInstant(text) + offset);
            }
        }
    }
}
