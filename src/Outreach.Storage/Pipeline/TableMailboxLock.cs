using Azure;
using Azure.Data.Tables;
using Outreach.Core.Pipeline;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Pipeline;

/// <summary>
/// Mailbox locks in table <see cref="StorageNames.LockTable"/>: PartitionKey = the mailbox's hash (as for
/// erasure generations), RowKey = "lock"; properties Holder and ExpiresAt. The token is the row's ETag: taking
/// is an insert-if-absent, or a replace If-Match of an expired row; renewing and releasing are If-Match on the
/// token, so a holder whose lock expired and was taken can neither extend nor delete the new holder's.
/// </summary>
public sealed class TableMailboxLock : TableStore, IMailboxLock
{
    internal const string RowKey = "lock";

    private readonly TimeProvider _time;

    public TableMailboxLock(TableServiceClient service, string tableName = StorageNames.LockTable, TimeProvider? time = null)
        : base(service, tableName)
    {
        _time = time ?? TimeProvider.System;
    }

    public async Task<string?> TryAcquireAsync(string mailbox, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = TableMailboxGenerationStore.Key(mailbox);
        var row = Row(partition, holder, duration);
        try
        {
            return (await Table.AddEntityAsync(row, cancellationToken)).Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Held, or left by a holder that crashed: take it only once expired, and only as it was read.
        }

        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is not { } current)
        {
            return null; // released in between: the caller comes back later rather than racing again
        }

        if (current.GetDateTimeOffset("ExpiresAt") is { } expires && expires > _time.GetUtcNow()) return null;
        try
        {
            return (await Table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null; // another run took the expired lock first
        }
    }

    public async Task<string?> RenewAsync(string mailbox, string token, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = TableMailboxGenerationStore.Key(mailbox);
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken);
        if (!current.HasValue || current.Value is not { } row || row.ETag.ToString() != token) return null;
        try
        {
            var renewed = Row(partition, row.GetString("Holder") ?? string.Empty, duration);
            return (await Table.UpdateEntityAsync(renewed, new ETag(token), TableUpdateMode.Replace, cancellationToken)).Headers.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task ReleaseAsync(string mailbox, string token, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await Table.DeleteEntityAsync(TableMailboxGenerationStore.Key(mailbox), RowKey, new ETag(token), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Expired and taken by another run, or already gone: not ours to delete.
        }
    }

    private TableEntity Row(string partition, string holder, TimeSpan duration) =>
        new(partition, RowKey) { ["Holder"] = holder, ["ExpiresAt"] = _time.GetUtcNow() + duration };
}
