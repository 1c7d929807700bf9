using System.Text.Json.Serialization;

namespace Outreach.Core.Pipeline;

/// <summary>
/// "Read this mailbox's changes for this scan." Small and versioned: a new field is optional, a new
/// meaning is a new <see cref="Version"/>. <see cref="Generation"/> is the mailbox's erasure generation when
/// the scan was queued (<see cref="IMailboxGenerationStore"/>); absent (a message from before it existed) is 0.
/// <see cref="TraceParent"/> is the W3C traceparent of the work that queued it (<see cref="Telemetry.QueueTrace"/>);
/// absent, the stage starts a new trace.
/// </summary>
public sealed record HarvestMessage(
    [property: JsonPropertyName("v")] int Version,
    string ScanId,
    string Mailbox,
    DateTimeOffset RequestedAt,
    string Trigger,
    DateTimeOffset? AsOf = null,
    long? Generation = null,
    [property: JsonPropertyName("traceparent")] string? TraceParent = null)
{
    public const int CurrentVersion = 1;
}

/// <summary>
/// "Apply the warmth policy to what was harvested for this scan." <see cref="Generation"/> and <see cref="TraceParent"/>
/// as in <see cref="HarvestMessage"/> (the traceparent is the harvest's).
/// </summary>
public sealed record EvaluateMessage(
    [property: JsonPropertyName("v")] int Version,
    string ScanId,
    string Mailbox,
    DateTimeOffset AsOf,
    long? Generation = null,
    [property: JsonPropertyName("traceparent")] string? TraceParent = null)
{
    public const int CurrentVersion = 1;
}

/// <summary>Source-generated (de)serialization of queue payloads.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(HarvestMessage))]
[JsonSerializable(typeof(EvaluateMessage))]
public sealed partial class PipelineJsonContext : JsonSerializerContext;
