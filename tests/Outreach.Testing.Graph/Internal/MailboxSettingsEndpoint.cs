using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// <c>GET /v1.0/users/{id}/mailboxSettings</c>, with optional $select (names match case-insensitively).
/// Time zone and working hours come from <see cref="FakeMailbox.SetMailboxSettings"/>; the rest are
/// the defaults of a new Exchange Online mailbox.
/// </summary>
internal static class MailboxSettingsEndpoint
{
    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox)
    {
        var select = SelectProjection.Parse(call.Query("$select"));
        call.Select = select;
        var settings = mailbox.Settings;
        var all = new JsonObject
        {
            ["archiveFolder"] = "",
            ["timeZone"] = settings.TimeZone,
            ["delegateMeetingMessageDeliveryOptions"] = "sendToDelegateOnly",
            ["dateFormat"] = "M/d/yyyy",
            ["timeFormat"] = "h:mm tt",
            ["userPurpose"] = "user",
            ["automaticRepliesSetting"] = new JsonObject
            {
                ["status"] = "disabled",
                ["externalAudience"] = "all",
                ["internalReplyMessage"] = "",
                ["externalReplyMessage"] = "",
                ["scheduledStartDateTime"] = new JsonObject { ["dateTime"] = "2020-01-01T00:00:00.0000000", ["timeZone"] = "UTC" },
                ["scheduledEndDateTime"] = new JsonObject { ["dateTime"] = "2020-01-02T00:00:00.0000000", ["timeZone"] = "UTC" },
            },
            ["language"] = new JsonObject { ["locale"] = "en-US", ["displayName"] = "English (United States)" },
            ["workingHours"] = settings.WorkingHoursJson(),
        };

        var body = new JsonObject { ["@odata.context"] = $"{call.BaseUrl}/$metadata#users('{call.Route.UserId}')/mailboxSettings" };
        foreach (var (name, value) in all)
        {
            if (select is null || select.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                body[name] = value?.DeepClone();
            }
        }

        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }
}
