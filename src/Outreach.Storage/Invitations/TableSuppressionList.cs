using Azure;
using Azure.Data.Tables;
using Outreach.Core.Invitations;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Invitations;

/// <summary>
/// Do-not-contact lists in table <see cref="StorageNames.SuppressionTable"/>: PartitionKey = the mailbox's
/// key, RowKey = the entry's key (the normalized entry, an address or "@domain", escaped: see TableKeys).
/// Properties: Entry (normalized, lower-case), AddedAt, and Reason when one was given. Entries that are
/// neither an address nor "@domain" are refused with <see cref="ArgumentException"/> (see <see cref="SuppressionEntries"/>).
/// </summary>
public sealed class TableSuppressionList : TableStore, ISuppressionList
{
    private readonly TimeProvider _time;

    public TableSuppressionList(TableServiceClient service, string tableName = StorageNames.SuppressionTable, TimeProvider? time = null)
        : base(service, tableName)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>AddEntity; 409 (the entry is there) is false and leaves the entry, and its reason, as they were.</summary>
    public async Task<bool> AddAsync(string mailbox, string entry, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        var normalized = SuppressionEntries.Normalize(entry, nameof(entry));
        await EnsureTableAsync(cancellationToken);
        var row = new TableEntity(TableKeys.ForAddress(mailbox), TableKeys.Escape(normalized))
        {
            ["Entry"] = normalized,
            ["AddedAt"] = _time.GetUtcNow(),
        };
        if (!string.IsNullOrWhiteSpace(reason)) row["Reason"] = reason.Trim();
        try
        {
            await Table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> RemoveAsync(string mailbox, string entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        var normalized = SuppressionEntries.Normalize(entry, nameof(entry));
        await EnsureTableAsync(cancellationToken);
        try
        {
            // The SDK answers a missing row with its 404 response rather than an exception; either means "not there".
            var response = await Table.DeleteEntityAsync(TableKeys.ForAddress(mailbox), TableKeys.Escape(normalized), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForAddress(mailbox)}");
        var entries = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Entry"], cancellationToken: cancellationToken))
        {
            entries.Add(row.GetString("Entry") ?? row.RowKey);
        }

        // Rows come in RowKey (escaped) order; the list's order is the entries' own.
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        return await DeletePartitionAsync(TableKeys.ForAddress(mailbox), cancellationToken);
    }
}
