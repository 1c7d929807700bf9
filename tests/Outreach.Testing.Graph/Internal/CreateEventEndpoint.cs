using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// <c>POST /v1.0/users/{id}/events</c> and <c>/users/{id}/calendar/events</c>: validates the posted
/// event like Outlook, stores it in the calendar (so calendarView delta reports it) and answers 201
/// with the stored event.
/// </summary>
/// <remarks>
/// transactionId: when a live event of the mailbox already carries the posted transactionId, nothing
/// is created and the existing event (in its current state) is returned, again with 201 Created. A
/// retry must read exactly like the first attempt's success, because the client cannot know whether
/// its first POST got through; that is Graph's documented purpose of transactionId, and the SDK's
/// PostAsync expects 201 for this request.
/// </remarks>
internal static class CreateEventEndpoint
{
    // Properties only the server sets; a client's values are ignored, as Graph ignores read-only properties.
    private static readonly HashSet<string> ServerOwned = new(StringComparer.OrdinalIgnoreCase)
    {
        "@odata.type", "@odata.context", "@odata.etag", "id", "createdDateTime", "lastModifiedDateTime", "changeKey",
        "iCalUId", "uid", "webLink", "organizer", "isOrganizer", "responseStatus", "onlineMeeting", "onlineMeetingUrl",
        "bodyPreview", "originalStartTimeZone", "originalEndTimeZone", "hasAttachments", "isDraft", "type",
        "seriesMasterId", "occurrenceId", "isCancelled",
    };

    // Writable properties in Graph's spelling: a client may send "Subject", the event stores "subject".
    private static readonly string[] Writable =
    [
        "subject", "body", "start", "end", "attendees", "location", "locations", "isOnlineMeeting",
        "onlineMeetingProvider", "transactionId", "allowNewTimeProposals", "showAs", "importance", "sensitivity",
        "isAllDay", "isReminderOn", "reminderMinutesBeforeStart", "responseRequested", "categories",
        "hideAttendees", "recurrence",
    ];

    private static readonly string[] BodyTypes = ["text", "html"];
    private static readonly string[] AttendeeTypes = ["required", "optional", "resource"];
    private static readonly string[] ShowAs = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"];
    private static readonly string[] Importance = ["low", "normal", "high"];
    private static readonly string[] Sensitivity = ["normal", "personal", "private", "confidential"];
    private static readonly string[] OnlineMeetingProviders = ["unknown", "skypeForBusiness", "skypeForConsumer", "teamsForBusiness"];

    // What Graph writes for "never" in attendee and response status times.
    private const string Never = "0001-01-01T00:00:00Z";

    // A fixed tenant for Teams join links; the organizer's object id varies per mailbox.
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox)
    {
        var posted = call.JsonBody();
        mailbox.RecordPostedEvent(posted);

        var transactionId = TransactionId(posted);
        var candidate = Build(posted, mailbox, transactionId, DateTimeOffset.UtcNow);
        var (stored, _) = mailbox.CreateEvent(candidate, transactionId);

        // The entity set in the context follows the path the client used.
        var segments = call.Route.Folder == "calendar" ? "calendar/events" : "events";
        var body = new JsonObject { ["@odata.context"] = $"{call.BaseUrl}/$metadata#users('{call.Route.UserId}')/{segments}/$entity" };
        foreach (var (name, value) in stored)
        {
            body[name] = value?.DeepClone();
        }

        return new GraphResponse(201, body, GraphResponse.ODataContentType);
    }

    private static string? TransactionId(JsonObject posted) => posted["transactionId"] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var id) => id.Length == 0 ? null : id,
        var other => throw new GraphErrorException(GraphError.InvalidLiteral(other.ToJsonString(), "Edm.String")),
    };

    private static JsonObject Build(JsonObject posted, FakeMailbox mailbox, string? transactionId, DateTimeOffset now)
    {
        var (start, startAt) = When(posted, "start");
        var (end, endAt) = When(posted, "end");
        if (endAt <= startAt)
        {
            throw new GraphErrorException(GraphError.InvalidRequest(
                "Your request can't be completed. The end time of the event must be later than its start time."));
        }

        if (Flag(posted, "isAllDay") == true && !IsWholeDays(start, end, startAt, endAt))
        {
            throw new GraphErrorException(GraphError.InvalidRequest(
                "Your request can't be completed. An all-day event must start and end at midnight and last whole days."));
        }

        var timestamp = GraphDateTime.FormatTimestamp(now);
        var id = OutlookItem.NewId();
        var iCalUId = "040000008200E00074C5B7101A82E00800000000" +
            Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "000000000000000010000000" +
            Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var ev = new JsonObject
        {
            ["@odata.etag"] = "",
            ["id"] = id,
            ["createdDateTime"] = timestamp,
            ["lastModifiedDateTime"] = timestamp,
            ["changeKey"] = "",
            ["categories"] = new JsonArray(),
            ["transactionId"] = transactionId,
            ["originalStartTimeZone"] = (string?)start["timeZone"],
            ["originalEndTimeZone"] = (string?)end["timeZone"],
            ["iCalUId"] = iCalUId,
            ["uid"] = iCalUId,
            ["reminderMinutesBeforeStart"] = 15,
            ["isReminderOn"] = true,
            ["hasAttachments"] = false,
            ["subject"] = "",
            ["bodyPreview"] = "",
            ["importance"] = "normal",
            ["sensitivity"] = "normal",
            ["isAllDay"] = false,
            ["isCancelled"] = false,
            ["isOrganizer"] = true,
            ["responseRequested"] = true,
            ["seriesMasterId"] = null,
            ["showAs"] = "busy",
            ["type"] = "singleInstance",
            ["webLink"] = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(id)}&exvsurl=1&path=/calendar/item",
            ["onlineMeetingUrl"] = null,
            ["isOnlineMeeting"] = false,
            ["onlineMeetingProvider"] = "unknown",
            ["allowNewTimeProposals"] = true,
            ["occurrenceId"] = null,
            ["isDraft"] = false,
            ["hideAttendees"] = false,
            ["responseStatus"] = new JsonObject { ["response"] = "organizer", ["time"] = Never },
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "" },
            ["start"] = start,
            ["end"] = end,
            ["location"] = Location(null),
            ["locations"] = new JsonArray(),
            ["recurrence"] = null,
            ["attendees"] = new JsonArray(),
            ["organizer"] = mailbox.Recipient(),
            ["onlineMeeting"] = null,
        };

        foreach (var (name, value) in posted)
        {
            if (ServerOwned.Contains(name) || name.Equals("start", StringComparison.OrdinalIgnoreCase) ||
                name.Equals("end", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var canonical = Writable.FirstOrDefault(w => w.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;
            ev[canonical] = OutlookItem.WithoutTypeAnnotations(value);
        }

        ev["transactionId"] = transactionId;
        ev["body"] = Body(ev["body"]);
        ev["bodyPreview"] = OutlookItem.Preview(ev["body"] as JsonObject);
        ev["attendees"] = Attendees(ev["attendees"]);
        ev["location"] = Location(ev["location"]);
        if (ev["location"]!["displayName"]?.GetValue<string>() is { Length: > 0 } && ev["locations"] is JsonArray { Count: 0 })
        {
            ev["locations"] = new JsonArray(ev["location"]!.DeepClone());
        }

        ev["showAs"] = Enum(ev["showAs"], ShowAs, "freeBusyStatus");
        ev["importance"] = Enum(ev["importance"], Importance, "importance");
        ev["sensitivity"] = Enum(ev["sensitivity"], Sensitivity, "sensitivity");
        OnlineMeeting(ev, mailbox);
        OutlookItem.Touch(ev, now);
        return ev;
    }

    private static (JsonObject Value, DateTimeOffset Instant) When(JsonObject posted, string name) =>
        GraphDateTime.FromRequest(posted[name], $"the event's '{name}'");

    private static bool IsWholeDays(JsonObject start, JsonObject end, DateTimeOffset startAt, DateTimeOffset endAt)
    {
        var startWall = GraphDateTime.ParseWallClock((string)start["dateTime"]!);
        var endWall = GraphDateTime.ParseWallClock((string)end["dateTime"]!);
        return startWall.TimeOfDay == TimeSpan.Zero && endWall.TimeOfDay == TimeSpan.Zero && endAt > startAt;
    }

    private static bool? Flag(JsonObject posted, string name) =>
        posted[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    private static JsonObject Body(JsonNode? body)
    {
        if (body is not JsonObject obj)
        {
            return new JsonObject { ["contentType"] = "html", ["content"] = "" };
        }

        return new JsonObject
        {
            ["contentType"] = Enum(obj["contentType"], BodyTypes, "bodyType") ?? "text",
            ["content"] = obj["content"]?.DeepClone() ?? "",
        };
    }

    /// <summary>Every attendee as Graph stores it for a new meeting: type (default required), status none, name defaulting to the address.</summary>
    private static JsonArray Attendees(JsonNode? attendees)
    {
        var result = new JsonArray();
        if (attendees is null)
        {
            return result;
        }

        if (attendees is not JsonArray list)
        {
            throw new GraphErrorException(GraphError.UnreadableJson());
        }

        foreach (var node in list)
        {
            var address = node?["emailAddress"]?["address"] is JsonValue a && a.TryGetValue<string>(out var text) ? text.Trim() : "";
            if (!address.Contains('@', StringComparison.Ordinal))
            {
                throw new GraphErrorException(GraphError.InvalidRecipients($"Recipient '{address}' is not resolved."));
            }

            var name = node!["emailAddress"]?["name"] is JsonValue n && n.TryGetValue<string>(out var given) && given.Length > 0 ? given : address;
            result.Add(new JsonObject
            {
                ["type"] = Enum(node["type"], AttendeeTypes, "attendeeType") ?? "required",
                ["status"] = new JsonObject { ["response"] = "none", ["time"] = Never },
                ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address },
            });
        }

        return result;
    }

    private static JsonObject Location(JsonNode? location)
    {
        var result = location is JsonObject obj ? obj.DeepClone().AsObject() : new JsonObject();
        var name = result["displayName"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
        result["displayName"] = name;
        result["locationType"] ??= "default";
        if (name.Length > 0)
        {
            result["uniqueId"] ??= name;
            result["uniqueIdType"] ??= "private";
        }
        else
        {
            result["uniqueIdType"] ??= "unknown";
            result["address"] ??= new JsonObject();
            result["coordinates"] ??= new JsonObject();
        }

        return result;
    }

    /// <summary>
    /// isOnlineMeeting without a provider means the mailbox's default, Teams. Only a Teams meeting gets
    /// a join link; the other providers are left without one.
    /// </summary>
    private static void OnlineMeeting(JsonObject ev, FakeMailbox mailbox)
    {
        var online = ev["isOnlineMeeting"] is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;
        var provider = Enum(ev["onlineMeetingProvider"], OnlineMeetingProviders, "onlineMeetingProviderType");
        if (!online)
        {
            ev["isOnlineMeeting"] = false;
            ev["onlineMeetingProvider"] = provider ?? "unknown";
            ev["onlineMeeting"] = null;
            return;
        }

        provider = provider is null or "unknown" ? "teamsForBusiness" : provider;
        ev["isOnlineMeeting"] = true;
        ev["onlineMeetingProvider"] = provider;
        if (provider != "teamsForBusiness")
        {
            ev["onlineMeeting"] = null;
            return;
        }

        var meeting = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)).Replace('+', '-').Replace('/', '_');
        var context = $"%7b%22Tid%22%3a%22{TenantId}%22%2c%22Oid%22%3a%22{mailbox.DirectoryId.ToString("D", CultureInfo.InvariantCulture)}%22%7d";
        ev["onlineMeeting"] = new JsonObject
        {
            ["joinUrl"] = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{meeting}%40thread.v2/0?context={context}",
        };
    }

    /// <summary>An enum property in Graph's spelling; null when absent; Graph's 400 for a value the type does not have.</summary>
    private static string? Enum(JsonNode? node, string[] values, string type)
    {
        if (node is null)
        {
            return null;
        }

        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        return values.FirstOrDefault(v => v.Equals(text, StringComparison.OrdinalIgnoreCase))
            ?? throw new GraphErrorException(GraphError.InvalidLiteral(text, "microsoft.graph." + type));
    }
}
