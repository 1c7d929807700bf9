using System.Globalization;
using System.Text.Json.Nodes;
using Outreach.Testing.Graph;

namespace Outreach.Functions.Tests.Support;

/// <summary>A second, small mailbox for multi-mailbox runs: two flagged contacts, one met, one below threshold.</summary>
internal static class SmallMailbox
{
    public static readonly HashSet<string> Flagged = ["olga@tailspintoys.com", "raj@litware.com"];

    public static void Load(FakeMailbox mailbox, DateTimeOffset asOf)
    {
        var n = 0;
        void Received(string from, int daysAgo) => mailbox.AddMessage("inbox", Message($"in{n++}", from, mailbox.UserId, asOf.AddDays(-daysAgo)));
        void Sent(string to, int daysAgo) => mailbox.AddMessage("sentitems", Message($"out{n++}", mailbox.UserId, to, asOf.AddDays(-daysAgo)));

        foreach (var contact in Flagged.Append("mei@contoso.com"))
        {
            Received(contact, 30);
            Received(contact, 10);
            Sent(contact, 5);
        }

        Received("pat@fabrikam.com", 4);
        mailbox.AddEvent(Meeting("met-1", "mei@contoso.com", mailbox.UserId, asOf.AddDays(-20)));
    }

    private static JsonObject Message(string id, string from, string to, DateTimeOffset at) => new()
    {
        ["id"] = id,
        ["conversationId"] = "conv-" + from,
        ["receivedDateTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["sentDateTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["isDraft"] = false,
        ["subject"] = "Proposal",
        ["from"] = Address(from),
        ["sender"] = Address(from),
        ["toRecipients"] = new JsonArray(Address(to)),
        ["ccRecipients"] = new JsonArray(),
    };

    private static JsonObject Meeting(string id, string attendee, string owner, DateTimeOffset start) => new()
    {
        ["id"] = id,
        ["subject"] = "Intro",
        ["type"] = "singleInstance",
        ["start"] = new JsonObject { ["dateTime"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = start.AddMinutes(30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["isCancelled"] = false,
        ["isOrganizer"] = true,
        ["responseStatus"] = new JsonObject { ["response"] = "organizer", ["time"] = "0001-01-01T00:00:00Z" },
        ["organizer"] = Address(owner),
        ["attendees"] = new JsonArray(new JsonObject
        {
            ["type"] = "required",
            ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = "0001-01-01T00:00:00Z" },
            ["emailAddress"] = new JsonObject { ["name"] = "Mei", ["address"] = attendee },
        }),
        ["isOnlineMeeting"] = true,
        ["onlineMeetingProvider"] = "teamsForBusiness",
        ["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/" + id },
        ["location"] = new JsonObject { ["displayName"] = "" },
        ["locations"] = new JsonArray(),
    };

    private static JsonObject Address(string address) =>
        new() { ["emailAddress"] = new JsonObject { ["name"] = address.Split('@')[0], ["address"] = address } };
}
