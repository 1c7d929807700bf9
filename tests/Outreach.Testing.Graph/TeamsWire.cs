using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;

namespace Outreach.Testing.Graph;

/// <summary>
/// Teams and call-record objects in Graph v1.0's wire format, for <see cref="FakeTeams"/>: callRecord
/// (https://learn.microsoft.com/graph/api/resources/callrecords-callrecord), participant
/// (https://learn.microsoft.com/graph/api/resources/callrecords-participant), session, chat, aadUserConversationMember
/// and chatMessage (https://learn.microsoft.com/graph/api/resources/chatmessage).
/// </summary>
public static class TeamsWire
{
    /// <summary>The tenant of the tests' organisation; users of any other tenant are federated.</summary>
    public const string HomeTenant = "7a1e0c55-0000-4000-8000-00000000aaaa";

    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>A directory user as <c>GET /users/{id}</c> returns it.</summary>
    public static JsonObject User(string id, string displayName, string? mail, string? userPrincipalName = null) => new()
    {
        ["id"] = id,
        ["displayName"] = displayName,
        ["mail"] = mail,
        ["userPrincipalName"] = userPrincipalName ?? mail ?? id + "@contoso.onmicrosoft.com",
    };

    /// <summary>A call record as the list returns it: no relationships (participants_v2, sessions, organizer_v2).</summary>
    public static JsonObject CallRecord(string id, DateTimeOffset start, DateTimeOffset end, params string[] modalities) => new()
    {
        ["@odata.type"] = "#microsoft.graph.callRecords.callRecord",
        ["id"] = id,
        ["version"] = 1,
        ["type"] = "groupCall",
        ["modalities"] = new JsonArray([.. modalities.Select(m => (JsonNode)JsonValue.Create(m))]),
        ["lastModifiedDateTime"] = Instant(end.AddMinutes(5)),
        ["startDateTime"] = Instant(start),
        ["endDateTime"] = Instant(end),
        ["joinWebUrl"] = null,
        // The old properties, which stop returning data in 2026: empty here, so a reader relying on them sees nobody.
        ["organizer"] = null,
        ["participants"] = new JsonArray(),
    };

    /// <summary>A participant that is a Microsoft Entra user (of <paramref name="tenantId"/>: another tenant is federation).</summary>
    public static JsonObject UserParticipant(string userId, string displayName, string tenantId = HomeTenant, string? userPrincipalName = null) =>
        Participant(userId, new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.callRecords.userIdentity",
                ["id"] = userId,
                ["displayName"] = displayName,
                ["tenantId"] = tenantId,
                ["userPrincipalName"] = userPrincipalName,
            },
        });

    /// <summary>An anonymous meeting guest: an id and the name they typed, nothing in any directory.</summary>
    public static JsonObject GuestParticipant(string guestId, string displayName) =>
        Participant(guestId, new JsonObject { ["guest"] = new JsonObject { ["id"] = guestId, ["displayName"] = displayName } });

    /// <summary>A participant who dialled in by phone.</summary>
    public static JsonObject PhoneParticipant(string number) =>
        Participant(number, new JsonObject { ["phone"] = new JsonObject { ["id"] = number, ["displayName"] = null } });

    private static JsonObject Participant(string id, JsonObject identity)
    {
        identity["@odata.type"] = "#microsoft.graph.communicationsIdentitySet";
        return new JsonObject { ["id"] = id, ["identity"] = identity, ["administrativeUnitInfos"] = new JsonArray() };
    }

    public static JsonObject Session(string id, DateTimeOffset start, DateTimeOffset end, params string[] modalities) => new()
    {
        ["id"] = id,
        ["modalities"] = new JsonArray([.. modalities.Select(m => (JsonNode)JsonValue.Create(m))]),
        ["startDateTime"] = Instant(start),
        ["endDateTime"] = Instant(end),
        ["isTest"] = false,
    };

    /// <param name="chatType">oneOnOne, group or meeting.</param>
    public static JsonObject Chat(string id, string chatType, DateTimeOffset created) => new()
    {
        ["id"] = id,
        ["topic"] = null,
        ["createdDateTime"] = Instant(created),
        ["lastUpdatedDateTime"] = Instant(created),
        ["chatType"] = chatType,
        ["webUrl"] = "https://teams.microsoft.com/l/chat/" + Uri.EscapeDataString(id) + "/0",
        ["tenantId"] = HomeTenant,
    };

    /// <summary>A chat member; <paramref name="email"/> is null for some federated members.</summary>
    public static JsonObject Member(string userId, string displayName, string? email, string tenantId = HomeTenant) => new()
    {
        ["@odata.type"] = "#microsoft.graph.aadUserConversationMember",
        ["id"] = "MCMjMjQzMmI1N2ItMGFiZC00M2RiLWFhN2ItMTZlYWRkMTE1ZDM0IyMxOTo" + userId,
        ["roles"] = new JsonArray("owner"),
        ["displayName"] = displayName,
        ["visibleHistoryStartDateTime"] = "0001-01-01T00:00:00Z",
        ["userId"] = userId,
        ["email"] = email,
        ["tenantId"] = tenantId,
    };

    /// <summary>A user's message; the body is there (as in Graph) so a test can prove it is never kept.</summary>
    public static JsonObject Message(string id, string chatId, string fromUserId, DateTimeOffset created, DateTimeOffset? modified = null, bool deleted = false) =>
        ChatMessage(id, chatId, "message", created, modified ?? created, From(fromUserId), new JsonObject
        {
            ["contentType"] = "text",
            ["content"] = deleted ? "" : "secret chat text",
        }, null, deleted);

    /// <summary>The "call ended" system message a chat gets after a call among its members.</summary>
    public static JsonObject CallEnded(string id, string chatId, string callId, DateTimeOffset ended, TimeSpan duration, string callEventType, params string[] participantUserIds) =>
        ChatMessage(id, chatId, "systemEventMessage", ended, ended, null, new JsonObject
        {
            ["contentType"] = "html",
            ["content"] = "<systemEventMessage/>",
        }, new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.callEndedEventMessageDetail",
            ["callId"] = callId,
            ["callDuration"] = XmlConvert.ToString(duration),
            ["callEventType"] = callEventType,
            ["callParticipants"] = new JsonArray([.. participantUserIds.Select(u => (JsonNode)new JsonObject { ["participant"] = From(u) })]),
            ["initiator"] = participantUserIds.Length > 0 ? From(participantUserIds[0]) : null,
        }, deleted: false);

    private static JsonObject From(string userId) => new()
    {
        ["application"] = null,
        ["device"] = null,
        ["user"] = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.teamworkUserIdentity",
            ["id"] = userId,
            ["displayName"] = null,
            ["userIdentityType"] = "aadUser",
            ["tenantId"] = HomeTenant,
        },
    };

    private static JsonObject ChatMessage(
        string id, string chatId, string type, DateTimeOffset created, DateTimeOffset modified, JsonObject? from, JsonObject body, JsonObject? eventDetail, bool deleted) => new()
    {
        ["id"] = id,
        ["replyToId"] = null,
        ["etag"] = modified.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        ["messageType"] = type,
        ["createdDateTime"] = Instant(created),
        ["lastModifiedDateTime"] = Instant(modified),
        ["lastEditedDateTime"] = null,
        ["deletedDateTime"] = deleted ? Instant(modified) : null,
        ["subject"] = null,
        ["summary"] = null,
        ["chatId"] = chatId,
        ["importance"] = "normal",
        ["locale"] = "en-us",
        ["webUrl"] = null,
        ["channelIdentity"] = null,
        ["policyViolation"] = null,
        ["eventDetail"] = eventDetail,
        ["from"] = from,
        ["body"] = body,
        ["attachments"] = new JsonArray(),
        ["mentions"] = new JsonArray(),
        ["reactions"] = new JsonArray(),
    };
}
