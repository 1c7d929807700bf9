using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Storage.Files.Invitations;

/// <summary>
/// The CLI's embedded invitation ledger: one JSON file per mailbox in <see cref="Directory"/> (the
/// "invitations" folder of the state folder), replaced atomically on every write. Each entry carries a
/// version token, its ETag. Every change (reserve, update, erase) re-reads the file and writes it back
/// while holding the folder's lock file, so a reservation's read-decide-write and the ETag checks hold
/// between threads and processes alike (two `outreach invite` runs on one state folder).
/// </summary>
public sealed class FileInvitationLedger(string stateDirectory) : IInvitationLedger
{
    public const string FolderName = "invitations";

    // Unlike scan state, the ledger cannot be rebuilt: misreading it could invite someone twice. An unknown
    // schema is refused.
    private readonly MailboxDocuments<LedgerDocument> _files = new(
        stateDirectory, FolderName, LocalInvitationJsonContext.Default.LedgerDocument, LedgerDocument.CurrentSchemaVersion, "invitation ledger");

    public string Directory => _files.Directory;

    public async Task<InvitationLedgerEntry?> GetAsync(string mailbox, string contact, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contact);
        var document = await _files.ReadAsync(mailbox, cancellationToken);
        var key = EmailAddresses.Normalize(contact);
        return document?.Entries.Find(r => r.Entry.Contact == key) is { } row ? WithETag(row) : null;
    }

    public async Task<IReadOnlyList<InvitationLedgerEntry>> ListAsync(string mailbox, CancellationToken cancellationToken)
    {
        var document = await _files.ReadAsync(mailbox, cancellationToken);
        return document is null ? [] : [.. document.Entries.Select(WithETag)];
    }

    /// <summary>
    /// Read, decide and write under the folder's lock file (held against other processes too): the row the
    /// policy judges is the row that is replaced, so no other reservation can come in between.
    /// </summary>
    public async Task<InvitationReservation> ReserveAsync(InvitationLedgerEntry entry, ReservationPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var normalized = InvitationEntries.Normalize(entry);

        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await _files.ReadAsync(normalized.Mailbox, cancellationToken)
            ?? new LedgerDocument { Mailbox = normalized.Mailbox };
        var index = document.Entries.FindIndex(r => r.Entry.Contact == normalized.Contact);
        if (index >= 0 && policy.Blocking(document.Entries[index].Entry) is { } conflict)
        {
            return InvitationReservation.Refused(WithETag(document.Entries[index]), conflict);
        }

        var row = new LedgerRow { Version = NewVersion(), Entry = normalized };
        if (index >= 0) document.Entries[index] = row;
        else
        {
            document.Entries.Add(row);
            document.Entries.Sort((a, b) => string.CompareOrdinal(a.Entry.Contact, b.Entry.Contact));
        }

        await _files.WriteAsync(normalized.Mailbox, document, cancellationToken);
        return InvitationReservation.Taken(WithETag(row));
    }

    public async Task<InvitationLedgerEntry> UpdateAsync(InvitationLedgerEntry entry, CancellationToken cancellationToken)
    {
        var normalized = InvitationEntries.Normalize(entry);
        var expected = InvitationEntries.RequireETag(entry);

        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await _files.ReadAsync(normalized.Mailbox, cancellationToken);
        var index = document?.Entries.FindIndex(r => r.Entry.Contact == normalized.Contact) ?? -1;
        if (document is null || index < 0 || document.Entries[index].Version != expected)
        {
            throw new StateConflictException(normalized.Mailbox);
        }

        var row = new LedgerRow { Version = NewVersion(), Entry = normalized };
        document.Entries[index] = row;
        await _files.WriteAsync(normalized.Mailbox, document, cancellationToken);
        return WithETag(row);
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await _files.ReadAsync(mailbox, cancellationToken);
        if (document is null) return 0;
        _files.Delete(mailbox);
        return document.Entries.Count;
    }

    private static InvitationLedgerEntry WithETag(LedgerRow row) => row.Entry with { ETag = row.Version };

    private static string NewVersion() => Guid.NewGuid().ToString("N");
}
