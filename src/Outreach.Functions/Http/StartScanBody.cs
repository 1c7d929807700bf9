using Outreach.Core.Contacts;

namespace Outreach.Functions.Http;

/// <summary>The body of <c>POST /api/scans</c>: <c>{"mailbox": "…"}</c> or <c>{"mailboxes": ["…", …]}</c>.</summary>
internal sealed record StartScanBody
{
    public JsonField<string> Mailbox { get; init; }

    public JsonField<IReadOnlyList<string?>> Mailboxes { get; init; }

    /// <summary>The mailboxes to scan, or the first field at fault and why.</summary>
    public (List<string>? Mailboxes, string? Field, string? Problem) Validate(int max)
    {
        // Sent at all, even as null: exactly one of the two.
        if (Mailbox.IsSent == Mailboxes.IsSent) return (null, "mailbox", "give either \"mailbox\" (a user principal name) or \"mailboxes\" (a list), not both or neither");

        if (Mailbox.IsSent)
        {
            return Mailbox.OrDefault is { } one && EmailAddresses.IsValid(one)
                ? ([one], null, null)
                : (null, "mailbox", Problems.MailboxMessage);
        }

        if (Mailboxes.OrDefault is not { Count: > 0 } many) return (null, "mailboxes", "must be a non-empty list of user principal names");
        if (many.Count > max) return (null, "mailboxes", $"at most {max} mailboxes per request ({many.Count} given)");
        var list = new List<string>();
        for (var index = 0; index < many.Count; index++)
        {
            // An item that is not a string was read as null.
            if (many[index] is not { } item || !EmailAddresses.IsValid(item)) return (null, $"mailboxes[{index}]", Problems.MailboxMessage);
            list.Add(item);
        }

        return (list, null, null);
    }
}
