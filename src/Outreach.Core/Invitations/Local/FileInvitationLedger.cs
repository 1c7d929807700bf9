using Outreach.Core.Contacts;
using Outreach.Core.State;

namespace Outreach.Core.Invitations.Local;

/// <summary>
/// The CLI's embedded invitation ledger: one JSON file per mailbox in <see cref="Directory"/> (the
/// "invitations" folder of the state folder), replaced atomically on every write. Each entry carries a
/// version token, its ETag. Every change (reserve, update, erase) re-reads the file and writes it back
/// while holding the folder's lock file, so the conditional insert and the ETag checks hold between
/// threads and processes alike.
/// </summary>
public sealed class FileInvitationLedger(string stateDirectory) : IInvitationLedger
{
    public const string FolderName = "invitations";

    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), FolderName);

    public async Task<InvitationLedgerEntry?> GetAsync(string mailbox, string contact, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contact);
        var document = await ReadAsync(mailbox, cancellationToken);
        var key = EmailAddresses.Normalize(contact);
        return document?.Entries.Find(r => r.Entry.Contact == key) is { } row ? WithETag(row) : null;
    }

    public async Task<IReadOnlyList<InvitationLedgerEntry>> ListAsync(string mailbox, CancellationToken cancellationToken)
    {
        var document = await ReadAsync(mailbox, cancellationToken);
        return document is null ? [] : [.. document.Entries.Select(WithETag)];
    }

    public async Task<bool> TryReserveAsync(InvitationLedgerEntry entry, InvitationLedgerEntry? replacing, CancellationToken cancellationToken)
    {
        var normalized = InvitationEntries.Normalize(entry);
        var expected = InvitationEntries.CheckReplacing(normalized, replacing);

        await using var guard = await LocalStoreFiles.LockAsync(Directory, cancellationToken);
        var document = await ReadAsync(normalized.Mailbox, cancellationToken)
            ?? new LedgerDocument { Mailbox = normalized.Mailbox };
        var index = document.Entries.FindIndex(r => r.Entry.Contact == normalized.Contact);
        var row = new LedgerRow { Version = NewVersion(), Entry = normalized };
        if (expected is null)
        {
            if (index >= 0) return false;
            document.Entries.Add(row);
            document.Entries.Sort((a, b) => string.CompareOrdinal(a.Entry.Contact, b.Entry.Contact));
        }
        else
        {
            // Only over the very entry read earlier: not over a newer one, nor after it was erased.
            if (index < 0 || document.Entries[index].Version != expected) return false;
            document.Entries[index] = row;
        }

        await LocalStoreFiles.WriteAsync(PathFor(normalized.Mailbox), document, LocalInvitationJsonContext.Default.LedgerDocument, cancellationToken);
        return true;
    }

    public async Task<InvitationLedgerEntry> UpdateAsync(InvitationLedgerEntry entry, CancellationToken cancellationToken)
    {
        var normalized = InvitationEntries.Normalize(entry);
        var expected = InvitationEntries.RequireETag(entry);

        await using var guard = await LocalStoreFiles.LockAsync(Directory, cancellationToken);
        var document = await ReadAsync(normalized.Mailbox, cancellationToken);
        var index = document?.Entries.FindIndex(r => r.Entry.Contact == normalized.Contact) ?? -1;
        if (document is null || index < 0 || document.Entries[index].Version != expected)
        {
            throw new StateConflictException(normalized.Mailbox);
        }

        var row = new LedgerRow { Version = NewVersion(), Entry = normalized };
        document.Entries[index] = row;
        await LocalStoreFiles.WriteAsync(PathFor(normalized.Mailbox), document, LocalInvitationJsonContext.Default.LedgerDocument, cancellationToken);
        return WithETag(row);
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        await using var guard = await LocalStoreFiles.LockAsync(Directory, cancellationToken);
        var document = await ReadAsync(mailbox, cancellationToken);
        if (document is null) return 0;
        File.Delete(PathFor(mailbox));
        return document.Entries.Count;
    }

    private string PathFor(string mailbox) => LocalStoreFiles.PathFor(Directory, mailbox);

    private async Task<LedgerDocument?> ReadAsync(string mailbox, CancellationToken cancellationToken)
    {
        var path = PathFor(mailbox);
        var document = await LocalStoreFiles.ReadAsync(path, LocalInvitationJsonContext.Default.LedgerDocument, cancellationToken);
        if (document is not null && document.SchemaVersion != LedgerDocument.CurrentSchemaVersion)
        {
            // Unlike scan state, the ledger cannot be rebuilt: misreading it could invite someone twice.
            throw new InvalidDataException(
                $"The invitation ledger '{path}' has schema version {document.SchemaVersion}; this version reads {LedgerDocument.CurrentSchemaVersion}.");
        }

        return document;
    }

    private static InvitationLedgerEntry WithETag(LedgerRow row) => row.Entry with { ETag = row.Version };

    private static string NewVersion() => Guid.NewGuid().ToString("N");
}
