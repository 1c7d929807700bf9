using Azure.Data.Tables;

namespace Outreach.Storage.Internal;

/// <summary>
/// What every table-backed store starts with: its table, created once on first use (not at start-up, so a
/// host whose storage is briefly unreachable still starts), and the table's name for tests and diagnostics.
/// </summary>
public abstract class TableStore
{
    private readonly AsyncOnce _created;

    protected TableStore(TableServiceClient service, string tableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        Table = service.GetTableClient(tableName);
        _created = new AsyncOnce(ct => TableOperations.CreateIfMissingAsync(Table, ct));
    }

    public string TableName => Table.Name;

    protected TableClient Table { get; }

    /// <summary>Creates the table the first time any operation needs it.</summary>
    protected Task EnsureTableAsync(CancellationToken cancellationToken) => _created.RunAsync(cancellationToken);

    /// <summary>
    /// Deletes every row of one partition (in most stores, everything kept for one mailbox), 100 per
    /// transaction; returns how many rows there were.
    /// </summary>
    protected async Task<int> DeletePartitionAsync(string partitionKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        return await TableOperations.DeletePartitionAsync(Table, partitionKey, cancellationToken);
    }

    /// <summary>Deletes every row an OData <paramref name="filter"/> matches, batched per partition; returns how many.</summary>
    protected async Task<int> DeleteWhereAsync(string filter, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        return await TableOperations.DeleteWhereAsync(Table, filter, cancellationToken);
    }
}
