using Azure.Data.Tables;
using Outreach.Storage.Internal;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Internal;

public sealed class TableOperationsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_rows_another_worker_deleted_first_still_deletes_the_rest()
    {
        var table = azurite.Tables.GetTableClient(azurite.Table("Ops"));
        await TableOperations.CreateIfMissingAsync(table, Cancel);
        await TableOperations.CreateIfMissingAsync(table, Cancel);
        var keys = Enumerable.Range(0, 150).Select(i => $"row{i:D3}").ToList();
        foreach (var key in keys) await table.AddEntityAsync(new TableEntity("p", key), Cancel);
        await table.DeleteEntityAsync("p", "row010", cancellationToken: Cancel);
        await table.DeleteEntityAsync("p", "row120", cancellationToken: Cancel);

        await TableOperations.DeleteRowsAsync(table, "p", keys, Cancel);

        Assert.Empty(await TableOperations.ListRowKeysAsync(table, "PartitionKey eq 'p'", Cancel));
    }

    [Fact]
    public async Task A_failed_set_up_step_is_tried_again_and_a_successful_one_never()
    {
        var calls = 0;
        var once = new AsyncOnce(_ => ++calls == 1 ? throw new InvalidOperationException("first try fails") : Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => once.RunAsync(Cancel));
        await once.RunAsync(Cancel);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => once.RunAsync(Cancel)));

        Assert.Equal(2, calls);
    }
}
