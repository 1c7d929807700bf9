using System.Text.Json.Serialization;

namespace Outreach.Core.Invitations;

/// <summary>How the contact is invited to meet: a Teams video call, or face to face at a place.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvitationMode>))]
public enum InvitationMode
{
    [JsonStringEnumMemberName("video")] Video,
    [JsonStringEnumMemberName("in-person")] InPerson,
}
