using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// Everything a $skiptoken or $deltatoken stands for. Like Graph's tokens it carries the original
/// query ($select, $filter, calendar window), so follow-up links work without repeating it.
/// Encoded as base64url JSON: opaque to clients, readable when debugging a test.
/// </summary>
/// <remarks>
/// A sync round covers the changes with sequence numbers in (Cursor, High]. A skiptoken is a round in
/// progress (High set, Cursor = last change returned); a deltatoken is a finished round (High null,
/// Cursor = the round's High), whose next use starts a new round up to the mailbox's latest change.
/// </remarks>
internal sealed record DeltaState
{
    public const string MessageKind = "message";
    public const string EventKind = "event";

    [JsonPropertyName("k")]
    public required string Kind { get; init; }

    /// <summary>The user id from the path, so a token cannot be replayed against another mailbox.</summary>
    [JsonPropertyName("u")]
    public required string Mailbox { get; init; }

    [JsonPropertyName("f")]
    public string? Folder { get; init; }

    [JsonPropertyName("s")]
    public string? Select { get; init; }

    [JsonPropertyName("q")]
    public string? Filter { get; init; }

    [JsonPropertyName("ws")]
    public DateTimeOffset? WindowStart { get; init; }

    [JsonPropertyName("we")]
    public DateTimeOffset? WindowEnd { get; init; }

    [JsonPropertyName("n")]
    public int PageSize { get; init; } = PreferHeader.DefaultPageSize;

    [JsonPropertyName("c")]
    public long Cursor { get; init; }

    [JsonPropertyName("h")]
    public long? High { get; init; }

    /// <summary>
    /// A capped first sync (filtered message delta over 5,000 messages, or $top): only messages whose
    /// <see cref="DeltaCap"/> rank is at most this cutoff are listed. Null: no cap.
    /// </summary>
    [JsonPropertyName("x")]
    public DeltaCapCutoff? Cap { get; init; }

    /// <summary>A first sync lists what exists; later rounds also report removals.</summary>
    [JsonPropertyName("i")]
    public bool Initial { get; init; }

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>Null for anything that is not a token this server wrote.</summary>
    public static DeltaState? TryDecode(string token)
    {
        try
        {
            var state = JsonSerializer.Deserialize<DeltaState>(Base64Url.DecodeFromChars(token));
            return state is { Cursor: >= 0, PageSize: > 0 } ? state : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
