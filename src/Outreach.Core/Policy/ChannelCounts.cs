using System.Text.Json.Serialization;

namespace Outreach.Core.Policy;

/// <summary>
/// A contact's text touchpoints within the look-back, per channel (issue 13): the JSON's <c>channels</c>, always
/// with all three keys so scripts need not test for them.
/// </summary>
public readonly record struct ChannelCounts(
    [property: JsonPropertyName("email")] int Email,
    [property: JsonPropertyName("teamsChat")] int TeamsChat,
    [property: JsonPropertyName("linkedin")] int LinkedIn);
