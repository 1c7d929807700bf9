using Azure.Data.Tables;
using Outreach.Core.Imports;
using Outreach.Storage.Imports;
using Outreach.Storage.Tests.Support;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Tests.Imports;

/// <summary>The table store against the shared import contract (tests/Contracts) on Azurite, plus its row layout.</summary>
public sealed class TableImportStoreTests(AzuriteFixture azurite) : ImportStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IImportStore CreateStore() => new TableImportStore(azurite.Tables, azurite.Table(StorageNames.ImportTable));

    private TableClient Table => azurite.Tables.GetTableClient(azurite.Table(StorageNames.ImportTable));

    [Fact]
    public async Task A_contact_is_one_row_with_its_messages_packed_in_properties_of_at_most_64_KiB()
    {
        await CreateStore().MergeAsync(Mailbox, Batch(("dana@fabrikam.com", 6_000), ("https://www.linkedin.com/in/erin", 3)), Cancel);

        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Mailbox}"), cancellationToken: Cancel)) rows.Add(row);

        Assert.Equal(["dana@fabrikam.com", "https!3A!2F!2Fwww.linkedin.com!2Fin!2Ferin"], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        var dana = rows.Single(r => r.RowKey == "dana@fabrikam.com");
        var packed = dana.Keys.Where(k => k.StartsWith("M_linkedin_", StringComparison.Ordinal)).Select(k => dana.GetBinary(k)!).ToList();
        Assert.Equal(3, packed.Count);
        Assert.All(packed, p => Assert.InRange(p.Length, 1, 64 * 1024));
        Assert.Equal(6_000 * 24, packed.Sum(p => p.Length));
        Assert.Equal("https://www.linkedin.com/in/dana", dana.GetString("ProfileUrl"));
    }

    [Fact]
    public async Task Merging_what_is_already_there_writes_nothing()
    {
        var store = CreateStore();
        var batch = Batch(("dana@fabrikam.com", 5));
        await store.MergeAsync(Mailbox, batch, Cancel);
        var before = (await Table.GetEntityAsync<TableEntity>(Mailbox, "dana@fabrikam.com", cancellationToken: Cancel)).Value.ETag;

        await store.MergeAsync(Mailbox, batch, Cancel);

        Assert.Equal(before, (await Table.GetEntityAsync<TableEntity>(Mailbox, "dana@fabrikam.com", cancellationToken: Cancel)).Value.ETag);
    }
}
