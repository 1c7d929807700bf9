using Outreach.Core.Contacts;
using Outreach.Core.Invitations;

namespace Outreach.Storage.Files.Invitations;

/// <summary>
/// The CLI's embedded do-not-contact list: one JSON file per mailbox in <see cref="Directory"/> (the
/// "suppressions" folder of the state folder), its entries normalized (see <see cref="SuppressionEntries"/>)
/// and ordered, replaced atomically on every change while holding the folder's lock file.
/// </summary>
public sealed class FileSuppressionList(string stateDirectory, TimeProvider? time = null) : ISuppressionList
{
    public const string FolderName = "suppressions";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // Dropping a do-not-contact list would contact people who asked not to be: an unknown schema is refused.
    private readonly MailboxDocuments<SuppressionDocument> _files = new(
        stateDirectory, FolderName, LocalInvitationJsonContext.Default.SuppressionDocument, SuppressionDocument.CurrentSchemaVersion, "do-not-contact file");

    public string Directory => _files.Directory;

    public async Task<bool> AddAsync(string mailbox, string entry, string? reason, CancellationToken cancellationToken)
    {
        var normalized = SuppressionEntries.Normalize(entry, nameof(entry));
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);

        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await ReadAsync(mailbox, cancellationToken)
            ?? new SuppressionDocument { Mailbox = EmailAddresses.Normalize(mailbox) };
        var index = document.Entries.BinarySearch(new SuppressionRow { Entry = normalized }, RowOrder.Instance);
        if (index >= 0) return false;

        document.Entries.Insert(~index, new SuppressionRow
        {
            Entry = normalized,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            AddedAt = _time.GetUtcNow(),
        });
        await _files.WriteAsync(mailbox, document, cancellationToken);
        return true;
    }

    public async Task<bool> RemoveAsync(string mailbox, string entry, CancellationToken cancellationToken)
    {
        var normalized = SuppressionEntries.Normalize(entry, nameof(entry));
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);

        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await ReadAsync(mailbox, cancellationToken);
        var index = document?.Entries.BinarySearch(new SuppressionRow { Entry = normalized }, RowOrder.Instance) ?? -1;
        if (document is null || index < 0) return false;

        document.Entries.RemoveAt(index);
        if (document.Entries.Count == 0) _files.Delete(mailbox);
        else await _files.WriteAsync(mailbox, document, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string mailbox, CancellationToken cancellationToken)
    {
        var document = await ReadAsync(mailbox, cancellationToken);
        return document is null ? [] : [.. document.Entries.Select(r => r.Entry)];
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await ReadAsync(mailbox, cancellationToken);
        if (document is null) return 0;
        _files.Delete(mailbox);
        return document.Entries.Count;
    }

    private async Task<SuppressionDocument?> ReadAsync(string mailbox, CancellationToken cancellationToken)
    {
        var document = await _files.ReadAsync(mailbox, cancellationToken);

        // Kept ordered on every write; sorted again in case the file was edited by hand.
        document?.Entries.Sort(RowOrder.Instance);
        return document;
    }

    private sealed class RowOrder : IComparer<SuppressionRow>
    {
        public static readonly RowOrder Instance = new();

        public int Compare(SuppressionRow? x, SuppressionRow? y) => string.CompareOrdinal(x?.Entry, y?.Entry);
    }
}
