using System.Text.Json.Serialization;

namespace Outreach.Core.Pipeline;

/// <summary>
/// "Read this mailbox's changes for this scan." Small and versioned: a new field is optional, a new
/// meaning is a new <see cref="Version"/>.
/// </summary>
public sealed record HarvestMessage(
    [property: JsonPropertyName("v")] int Version,
    string ScanId,
    string Mailbox,
    DateTimeOffset RequestedAt,
    string Trigger,
    DateTimeOffset? AsOf = null)
{
    public const int CurrentVersion = 1;
}

/// <summary>"Apply the warmth policy to what was harvested for this scan."</summary>
public sealed record EvaluateMessage(
    [property: JsonPropertyName("v")] int Version,
    string ScanId,
    string Mailbox,
    DateTimeOffset AsOf)
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
