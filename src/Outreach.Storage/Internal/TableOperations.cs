using Azure;
using Azure.Data.Tables;

namespace Outreach.Storage.Internal;

/// <summary>Helpers shared by the table stores: batched writes and deletes within one partition.</summary>
internal static class TableOperations
{
    /// <summary>The most operations an entity group transaction may hold.</summary>
    public const int MaxBatchEntities = 100;

    /// <summary>Creates the table unless it exists (409 is success).</summary>
    public static async Task CreateIfMissingAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Created by another instance in between, or still being deleted: both fine for us.
        }
    }

    /// <summary>
    /// Deletes rows of one partition, 100 per transaction. A transaction that fails (another worker deleted
    /// one of its rows first) is redone row by row, where a missing row counts as deleted.
    /// </summary>
    public static async Task<int> DeleteRowsAsync(TableClient table, string partitionKey, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var batch in rowKeys.Chunk(MaxBatchEntities))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    batch.Select(rowKey => new TableTransactionAction(
                        TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ETag.All)),
                    cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                foreach (var rowKey in batch)
                {
                    await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
                }
            }
        }

        return rowKeys.Count;
    }

    /// <summary>
    /// Deletes every row <paramref name="filter"/> matches: the keys are listed first (keys only are read),
    /// then each partition's rows go 100 per transaction (a transaction never spans partitions). Returns
    /// how many rows were listed; rows another worker deleted meanwhile count as deleted.
    /// </summary>
    public static async Task<int> DeleteWhereAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<(string PartitionKey, string RowKey)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add((row.PartitionKey, row.RowKey));
        }

        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            await DeleteRowsAsync(table, partition.Key, [.. partition.Select(r => r.RowKey)], cancellationToken);
        }

        return rows.Count;
    }

    /// <summary>Deletes every row of one partition (see <see cref="DeleteWhereAsync"/>); returns how many there were.</summary>
    public static Task<int> DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken) =>
        DeleteWhereAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken);

    /// <summary>The row keys of a partition's rows matching <paramref name="filter"/> (keys only are read).</summary>
    public static async Task<List<(string RowKey, DateTimeOffset? Timestamp)>> ListRowKeysAsync(
        TableClient table, string filter, CancellationToken cancellationToken)
    {
        var keys = new List<(string, DateTimeOffset?)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Timestamp"], cancellationToken: cancellationToken))
        {
            keys.Add((row.RowKey, row.Timestamp));
        }

        return keys;
    }
}
