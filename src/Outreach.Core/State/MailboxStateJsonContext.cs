using System.Text.Json.Serialization;

namespace Outreach.Core.State;

/// <summary>Source-generated serialization of stored state: no reflection, stable names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MailboxState))]
public sealed partial class MailboxStateJsonContext : JsonSerializerContext;
