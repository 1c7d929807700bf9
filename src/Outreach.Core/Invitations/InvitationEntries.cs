using Outreach.Core.Contacts;

namespace Outreach.Core.Invitations;

/// <summary>The argument checks and normalization every ledger applies (the table ledger uses them too).</summary>
public static class InvitationEntries
{
    /// <summary>The entry with its mailbox and contact normalized (trimmed, lower-case) and no ETag.</summary>
    public static InvitationLedgerEntry Normalize(InvitationLedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.Mailbox)) throw new ArgumentException("The entry has no mailbox.", nameof(entry));
        if (string.IsNullOrWhiteSpace(entry.Contact)) throw new ArgumentException("The entry has no contact.", nameof(entry));
        return entry with
        {
            Mailbox = EmailAddresses.Normalize(entry.Mailbox),
            Contact = EmailAddresses.Normalize(entry.Contact),
            ETag = null,
        };
    }

    /// <summary>The ETag an update must match; an entry never read from the ledger has none.</summary>
    public static string RequireETag(InvitationLedgerEntry entry) =>
        entry.ETag is { Length: > 0 } etag
            ? etag
            : throw new ArgumentException("Only an entry read from the ledger (with its ETag) can be updated.", nameof(entry));
}
