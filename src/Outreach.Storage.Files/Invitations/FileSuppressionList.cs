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

    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), FolderName);

    public async Task<bool> AddAsync(string mailbox, string entry, string? reason, CancellationToken cancellationToken)
    {
        var normalized = SuppressionEntries.Normalize(entry, nameof(entry));
        var path = PathFor(mailbox);

        await using var guard = await LocalStoreFiles.LockAsync(Directory, cancellationToken);
        var document = await ReadAsync(path, cancellationToken)
            ?? new SuppressionDocument { Mailbox = EmailAddresses.Normalize(mailbox) };
        var index = document.Entries.BinarySearch(new SuppressionRow { Entry = normalized }, RowOrder.Instance);
        if (index >= 0) return false;

        document.Entries.Insert(~index, new SuppressionRow
        {
            Entry = normalized,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            AddedAt = _time.GetUtcNow(),
        });
        await LocalStoreFiles.WriteAsync(path, document, LocalInvitationJsonContext.Default.SuppressionDocument, cancellationToken);
        return true;
    }

    public async Task<bool> RemoveAsync(string mailbox, string entry, CancellationToken cancellationToken)
    {
        var normalized = SuppressionEntries.Normalize(entry, nameof(entry));
        var path = PathFor(mailbox);

        await using var guard = await LocalStoreFiles.LockAsync(Directory, cancellationToken);
        var document = await ReadAsync(path, cancellationToken);
        var index = document?.Entries.BinarySearch(new SuppressionRow { Entry = normalized }, RowOrder.Instance) ?? -1;
        if (document is null || index < 0) return false;

        document.Entries.RemoveAt(index);
        if (document.Entries.Count == 0) File.Delete(path);
        else await LocalStoreFiles.WriteAsync(path, document, LocalInvitationJsonContext.Default.SuppressionDocument, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListAsync(string mailbox, CancellationToken cancellationToken)
    {
        var document = await ReadAsync(PathFor(mailbox), cancellationToken);
        return document is null ? [] : [.. document.Entries.Select(r => r.Entry)];
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        var path = PathFor(mailbox);
        await using var guard = await LocalStoreFiles.LockAsync(Directory, cancellationToken);
        var document = await ReadAsync(path, cancellationToken);
        if (document is null) return 0;
        File.Delete(path);
        return document.Entries.Count;
    }

    private string PathFor(string mailbox) => LocalStoreFiles.PathFor(Directory, mailbox);

    private static async Task<SuppressionDocument?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var document = await LocalStoreFiles.ReadAsync(path, LocalInvitationJsonContext.Default.SuppressionDocument, cancellationToken);
        if (document is not null && document.SchemaVersion != SuppressionDocument.CurrentSchemaVersion)
        {
            // Dropping a do-not-contact list would contact people who asked not to be: refuse instead.
            throw new InvalidDataException(
                $"The do-not-contact file '{path}' has schema version {document.SchemaVersion}; this version reads {SuppressionDocument.CurrentSchemaVersion}.");
        }

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
