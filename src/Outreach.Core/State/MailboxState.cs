using System.Text.Json.Serialization;
using Outreach.Core.Contacts;
using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.State;

/// <summary>
/// What a scan keeps between runs for one mailbox: where each change feed stopped, the addresses that are
/// the owner's, per-contact text ledgers and the meetings in the calendar window. Small by design:
/// it grows with contacts and meetings, not with messages.
/// </summary>
public sealed class MailboxState
{
    /// <summary>
    /// 2: touchpoints stored as one Base64 string of 24-byte records per contact
    /// (<see cref="TouchpointListJsonConverter"/>). 1: an object per touchpoint; still read, written as 2.
    /// </summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The schema versions this code reads; a stored state of another version is not trusted.</summary>
    public static bool IsReadable(int schemaVersion) => schemaVersion is 1 or CurrentSchemaVersion;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public required string Mailbox { get; init; }

    /// <summary>Change-feed cursors by stream name (<see cref="StreamNames"/>).</summary>
    public Dictionary<string, string> Cursors { get; init; } = new(StringComparer.Ordinal);

    /// <summary>True while a stream's cursor points inside a round (a next page), not at its end.</summary>
    public Dictionary<string, bool> CursorIsFinal { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Why a stream's window could not be read in full, by stream name (issue 11). Kept and reported by every later
    /// scan, since an incremental round only reads what changed and cannot fill the gap; cleared once that stream is
    /// read from scratch (no cursor) to its end without a gap. Absent in states stored before it existed: none
    /// (the source-generated reader sets a missing init-only property to null, hence the null check).
    /// </summary>
    public Dictionary<string, string> IncompleteReasons
    {
        get;
        init => field = value ?? new(StringComparer.Ordinal);
    } = new(StringComparer.Ordinal);

    /// <summary>The range the calendar feed tracks; a scan whose look-ahead leaves it starts a new one.</summary>
    public CalendarWindow? CalendarWindow { get; set; }

    /// <summary>The owner's addresses: the mailbox itself, configured aliases, and every From of Sent Items.</summary>
    public SortedSet<string> OwnerAddresses { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, ContactLedger> Contacts { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, MeetingRecord> Meetings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Teams calls (issue 13) by record id, kept after Graph forgets them (it keeps call records 30 days) until
    /// they leave the meeting look-back. Apart from <see cref="Meetings"/>, which a calendar re-sync empties.
    /// Null (and absent from the JSON) until a Teams source is read: states stored before issue 13 load as they were.
    /// </summary>
    public Dictionary<string, MeetingRecord>? Calls { get; set; }

    public DateTimeOffset? LastCompletedScanAt { get; set; }

    /// <summary>The store's concurrency token of the version this was loaded from (null: never saved).</summary>
    [JsonIgnore]
    public string? ETag { get; set; }

    public static MailboxState Create(string mailbox) => new() { Mailbox = EmailAddresses.Normalize(mailbox) };

    public ContactLedger Ledger(string normalizedAddress)
    {
        if (!Contacts.TryGetValue(normalizedAddress, out var ledger))
        {
            ledger = new ContactLedger();
            Contacts[normalizedAddress] = ledger;
        }

        return ledger;
    }

    public bool IsOwner(string normalizedAddress) => OwnerAddresses.Contains(normalizedAddress);

    /// <summary>The owner's domains: the internal ones, whatever else is configured.</summary>
    public IEnumerable<string> OwnerDomains() =>
        OwnerAddresses.Select(EmailAddresses.Domain).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal);
}

public static class StreamNames
{
    public const string Inbox = "inbox";
    public const string SentItems = "sentitems";
    public const string Calendar = "calendar";

    /// <summary>Teams call records (issue 13): their own cursor, so mail and calendar cursors never move for them.</summary>
    public const string TeamsCalls = "teamscalls";

    /// <summary>Teams chat messages (issue 13).</summary>
    public const string TeamsChats = "teamschats";

    public static string For(MailFolderKind folder) => folder == MailFolderKind.Inbox ? Inbox : SentItems;
}
