using System.Text.Json.Serialization;

namespace Outreach.Core.Touchpoints;

/// <summary>
/// Where a text touchpoint was exchanged (issue 13). The text threshold counts every channel; reasons and the
/// JSON's <c>channels</c> name them. Wire names are the JSON keys of <c>channels</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextChannel>))]
public enum TextChannel : byte
{
    [JsonStringEnumMemberName("email")] Email = 0,
    [JsonStringEnumMemberName("teamsChat")] TeamsChat = 1,
    [JsonStringEnumMemberName("linkedin")] LinkedIn = 2,
}
