using Outreach.Core.Contacts;
using Outreach.Core.Digest;
using Outreach.Core.State;

namespace Outreach.Storage.Files.Digest;

/// <summary>
/// The digest store as files, for a single-machine run: one JSON document per mailbox in the "digests"
/// folder of the state folder (its weeks, opt-out and snoozes), replaced atomically on every change while
/// holding the folder's lock file, like the local invitation ledger.
/// </summary>
public sealed class FileDigestStore(string stateDirectory, TimeProvider? time = null) : IDigestStore
{
    public const string FolderName = "digests";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private readonly MailboxDocuments<DigestDocument> _files = new(
        stateDirectory, FolderName, LocalDigestJsonContext.Default.DigestDocument, DigestDocument.CurrentSchemaVersion, "digest file");

    public string Directory => _files.Directory;

    public Task<bool> TryReserveAsync(DigestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ChangeAsync(record.Mailbox, document =>
        {
            if (document.Digests.Any(d => d.Week == record.Week.ToString())) return false;
            document.Digests.Add(DigestRow.From(record, NewVersion()));
            document.Digests.Sort((a, b) => string.CompareOrdinal(a.Week, b.Week));
            return true;
        }, cancellationToken);
    }

    public async Task<DigestRecord?> GetAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken) =>
        (await ReadAsync(mailbox, cancellationToken))?.Digests.FirstOrDefault(d => d.Week == week.ToString())?.ToRecord(EmailAddresses.Normalize(mailbox));

    public async Task<DigestRecord?> GetPreviousAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken) =>
        (await ReadAsync(mailbox, cancellationToken))?.Digests
            .Where(d => d.State != DigestState.Failed && string.CompareOrdinal(d.Week, week.ToString()) < 0)
            .OrderBy(d => d.Week, StringComparer.Ordinal)
            .LastOrDefault()?.ToRecord(EmailAddresses.Normalize(mailbox));

    public async Task<DigestRecord> UpdateAsync(DigestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var version = NewVersion();
        var updated = await ChangeAsync(record.Mailbox, document =>
        {
            var index = document.Digests.FindIndex(d => d.Week == record.Week.ToString());
            if (index < 0 || document.Digests[index].Version != record.ETag) return false;
            document.Digests[index] = DigestRow.From(record, version);
            return true;
        }, cancellationToken);
        return updated ? record with { ETag = version } : throw new StateConflictException(EmailAddresses.Normalize(record.Mailbox));
    }

    public async Task<bool> IsOptedOutAsync(string mailbox, CancellationToken cancellationToken) =>
        (await ReadAsync(mailbox, cancellationToken))?.OptedOutAt is not null;

    public Task<bool> SetOptedOutAsync(string mailbox, bool optedOut, CancellationToken cancellationToken) =>
        ChangeAsync(mailbox, document =>
        {
            if ((document.OptedOutAt is not null) == optedOut) return false;
            document.OptedOutAt = optedOut ? _time.GetUtcNow() : null;
            return true;
        }, cancellationToken);

    public Task SnoozeAsync(string mailbox, string contact, DateTimeOffset until, CancellationToken cancellationToken) =>
        ChangeAsync(mailbox, document =>
        {
            document.Snoozes[EmailAddresses.Normalize(contact)] = until;
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListSnoozedAsync(string mailbox, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var document = await ReadAsync(mailbox, cancellationToken);
        return (document?.Snoozes ?? []).Where(s => s.Value > asOf).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await _files.ReadAsync(mailbox, cancellationToken);
        if (document is null) return 0;
        _files.Delete(mailbox);
        return document.Digests.Count + (document.OptedOutAt is null ? 0 : 1) + document.Snoozes.Count;
    }

    /// <summary>Read, change and write under the lock; the change says whether there was anything to write.</summary>
    private async Task<bool> ChangeAsync(string mailbox, Func<DigestDocument, bool> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await using var guard = await _files.LockAsync(cancellationToken);
        var document = await _files.ReadAsync(mailbox, cancellationToken) ?? new DigestDocument { Mailbox = EmailAddresses.Normalize(mailbox) };
        if (!change(document)) return false;
        await _files.WriteAsync(mailbox, document, cancellationToken);
        return true;
    }

    private Task<DigestDocument?> ReadAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        return _files.ReadAsync(mailbox, cancellationToken);
    }

    private static string NewVersion() => Guid.NewGuid().ToString("N");
}
