using System.Text.Json.Serialization;
using Outreach.Functions.Invitations;

namespace Outreach.Functions.Http;

/// <summary>
/// The request bodies the HTTP functions read, source-generated. Names are matched exactly, in camelCase
/// ("durationMinutes"); unknown fields are ignored, as they always were.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StartScanBody))]
[JsonSerializable(typeof(SendInvitationBody))]
[JsonSerializable(typeof(AddSuppressionBody))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
