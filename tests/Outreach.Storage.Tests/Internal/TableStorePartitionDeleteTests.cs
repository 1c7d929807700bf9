using Azure.Data.Tables;
using Outreach.Storage.Internal;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Internal;

/// <summary>The one list-then-delete every table store erases with, against real Azurite.</summary>
public sealed class TableStorePartitionDeleteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_a_partition_removes_every_row_past_one_transaction_and_no_other_partitions()
    {
        var store = new ProbeStore(azurite.Tables, azurite.Table("DelPart"));
        await store.AddAsync("a", 250, Cancel);
        await store.AddAsync("b", 3, Cancel);

        var deleted = await store.DeletePartition("a", Cancel);

        Assert.Equal(250, deleted);
        Assert.Equal(0, await store.CountAsync("a", Cancel));
        Assert.Equal(3, await store.CountAsync("b", Cancel));
    }

    [Fact]
    public async Task Deleting_an_empty_partition_of_a_table_never_used_creates_the_table_and_deletes_nothing()
    {
        var store = new ProbeStore(azurite.Tables, azurite.Table("DelNew"));

        Assert.Equal(0, await store.DeletePartition("nobody", Cancel));
        Assert.Equal(0, await store.CountAsync("nobody", Cancel));
    }

    [Fact]
    public async Task Deleting_by_filter_removes_the_matching_rows_of_every_partition_and_keeps_the_rest()
    {
        var store = new ProbeStore(azurite.Tables, azurite.Table("DelWhere"));
        for (var i = 0; i < 5; i++) await store.AddAsync($"scan{i}", 1, Cancel, owner: "dana");
        await store.AddAsync("scan-other", 1, Cancel, owner: "sam");
        await store.AddAsync("many", 120, Cancel, owner: "dana");

        var deleted = await store.DeleteWhere(TableClient.CreateQueryFilter($"Owner eq {"dana"}"), Cancel);

        Assert.Equal(125, deleted);
        Assert.Equal(0, await store.CountAsync("many", Cancel));
        Assert.Equal(0, await store.CountAsync("scan0", Cancel));
        Assert.Equal(1, await store.CountAsync("scan-other", Cancel));
    }

    [Fact]
    public async Task Two_callers_deleting_the_same_partition_at_once_both_finish_and_leave_it_empty()
    {
        var store = new ProbeStore(azurite.Tables, azurite.Table("DelRace"));
        await store.AddAsync("a", 230, Cancel);

        var both = await Task.WhenAll(
            Task.Run(() => store.DeletePartition("a", Cancel), Cancel),
            Task.Run(() => store.DeletePartition("a", Cancel), Cancel));

        Assert.All(both, listed => Assert.InRange(listed, 0, 230));
        Assert.Equal(0, await store.CountAsync("a", Cancel));
    }

    /// <summary>A table store with nothing but the base's helpers, opened up for the tests.</summary>
    private sealed class ProbeStore(TableServiceClient service, string tableName) : TableStore(service, tableName)
    {
        public Task<int> DeletePartition(string partition, CancellationToken cancellationToken) => DeletePartitionAsync(partition, cancellationToken);

        public Task<int> DeleteWhere(string filter, CancellationToken cancellationToken) => DeleteWhereAsync(filter, cancellationToken);

        public async Task AddAsync(string partition, int rows, CancellationToken cancellationToken, string owner = "avery")
        {
            await EnsureTableAsync(cancellationToken);
            var entities = Enumerable.Range(0, rows).Select(i => new TableEntity(partition, $"row{i:D4}") { ["Owner"] = owner });
            foreach (var batch in entities.Chunk(TableOperations.MaxBatchEntities))
            {
                await Table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken);
            }
        }

        public async Task<int> CountAsync(string partition, CancellationToken cancellationToken) =>
            (await TableOperations.ListRowKeysAsync(Table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken)).Count;
    }
}
