using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Enrollment;
using Outreach.Storage.Enrollment;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Enrollment;

/// <summary>Opt-outs against real Azurite: one conditional write each way, and a table erasure never touches.</summary>
public sealed class TableEnrollmentOptOutStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _mailbox = $"riley.{Guid.NewGuid().ToString("N")[..10]}@northwind.com";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TableEnrollmentOptOutStore Store() => new(azurite.Tables, azurite.Table(StorageNames.OptOutTable));

    [Fact]
    public async Task Opting_out_is_recorded_once_case_insensitively_and_re_enrolling_removes_it()
    {
        var store = Store();

        Assert.False(await store.IsOptedOutAsync(_mailbox, Cancel));
        Assert.True(await store.SetOptedOutAsync(_mailbox.ToUpperInvariant(), true, Cancel));
        Assert.False(await store.SetOptedOutAsync(_mailbox, true, Cancel));
        Assert.True(await store.IsOptedOutAsync(_mailbox, Cancel));
        Assert.Contains(_mailbox, await store.ListAsync(Cancel));

        Assert.True(await store.SetOptedOutAsync(_mailbox, false, Cancel));
        Assert.False(await store.SetOptedOutAsync(_mailbox, false, Cancel));
        Assert.False(await store.IsOptedOutAsync(_mailbox, Cancel));
        Assert.DoesNotContain(_mailbox, await store.ListAsync(Cancel));
    }

    [Fact]
    public async Task Two_owners_opting_out_at_once_change_it_once()
    {
        var first = Store();
        var second = Store();
        using var start = new ManualResetEventSlim();

        var results = await Task.WhenAll(
            Task.Run(async () => { start.Wait(Cancel); return await first.SetOptedOutAsync(_mailbox, true, Cancel); }, Cancel),
            Task.Run(async () => { start.Wait(Cancel); return await second.SetOptedOutAsync(_mailbox, true, Cancel); }, Cancel),
            Task.Run(() => { start.Set(); return false; }, Cancel));

        Assert.Equal(1, results.Take(2).Count(changed => changed));
        Assert.True(await first.IsOptedOutAsync(_mailbox, Cancel));
    }

    [Fact]
    public async Task The_app_registers_the_opt_out_store_on_its_own_table()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.ConnectionSetting] = "UseDevelopmentStorage=true",
        }).Build();
        await using var services = new ServiceCollection().AddOutreachStorage(configuration).BuildServiceProvider();

        var store = Assert.IsType<TableEnrollmentOptOutStore>(services.GetRequiredService<IEnrollmentOptOutStore>());
        Assert.Equal(StorageNames.OptOutTable, store.TableName);
        Assert.DoesNotContain(StorageNames.OptOutTable, new[] { StorageNames.StateTable, StorageNames.ScanTable, StorageNames.ContactTable,
            StorageNames.InvitationTable, StorageNames.SuppressionTable, StorageNames.DigestTable });
    }
}
