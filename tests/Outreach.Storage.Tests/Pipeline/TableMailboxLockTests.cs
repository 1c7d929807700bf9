using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Outreach.Storage.Pipeline;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Pipeline;

/// <summary>Mailbox locks and erasure generations on real Azurite, with real concurrent callers.</summary>
public sealed class TableMailboxLockTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    private readonly string _mailbox = $"lena.{Guid.NewGuid().ToString("N")[..10]}@northwind.com";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TableMailboxLock Locks() => new(azurite.Tables, azurite.Table(StorageNames.LockTable), _time);

    private TableMailboxGenerationStore Generations() => new(azurite.Tables, azurite.Table(StorageNames.ErasureTable), _time);

    [Fact]
    public async Task Of_many_concurrent_callers_exactly_one_takes_a_mailbox_lock()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Locks().TryAcquireAsync(_mailbox, $"run-{i}", Duration, Cancel))));

        Assert.Single(tokens, t => t is not null);
    }

    [Fact]
    public async Task A_released_lock_can_be_taken_again_and_a_live_one_cannot()
    {
        var first = await Locks().TryAcquireAsync(_mailbox, "a", Duration, Cancel);
        Assert.NotNull(first);
        Assert.Null(await Locks().TryAcquireAsync(_mailbox, "b", Duration, Cancel));

        await Locks().ReleaseAsync(_mailbox, first, Cancel);

        Assert.NotNull(await Locks().TryAcquireAsync(_mailbox, "b", Duration, Cancel));
    }

    [Fact]
    public async Task An_expired_lock_is_taken_and_its_crashed_holder_can_neither_renew_nor_release_it()
    {
        var crashed = await Locks().TryAcquireAsync(_mailbox, "crashed", Duration, Cancel);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));

        var taken = await Task.WhenAll(Task.Run(() => Locks().TryAcquireAsync(_mailbox, "b", Duration, Cancel)), Task.Run(() => Locks().TryAcquireAsync(_mailbox, "c", Duration, Cancel)));
        var winner = Assert.Single(taken, t => t is not null);

        Assert.Null(await Locks().RenewAsync(_mailbox, crashed!, Duration, Cancel));
        await Locks().ReleaseAsync(_mailbox, crashed!, Cancel);
        Assert.Null(await Locks().TryAcquireAsync(_mailbox, "d", Duration, Cancel)); // the winner's lock stands
        Assert.NotNull(await Locks().RenewAsync(_mailbox, winner!, Duration, Cancel));
    }

    [Fact]
    public async Task A_renewed_lock_outlives_its_first_expiry()
    {
        var token = await Locks().TryAcquireAsync(_mailbox, "a", Duration, Cancel);
        _time.Advance(Duration / 2);
        Assert.NotNull(await Locks().RenewAsync(_mailbox, token!, Duration, Cancel));
        _time.Advance(Duration * 0.75);

        Assert.Null(await Locks().TryAcquireAsync(_mailbox, "b", Duration, Cancel));
    }

    [Fact]
    public async Task Concurrent_erasures_each_move_the_generation_by_one()
    {
        Assert.Equal(0, await Generations().GetAsync(_mailbox, Cancel));

        var moved = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Generations().AdvanceAsync(_mailbox.ToUpperInvariant(), Cancel))));

        Assert.Equal([1, 2, 3, 4, 5], moved.Order());
        Assert.Equal(5, await Generations().GetAsync(_mailbox, Cancel));
    }

    [Fact]
    public async Task The_generation_and_lock_rows_never_hold_the_address()
    {
        await Generations().AdvanceAsync(_mailbox, Cancel);
        await Locks().TryAcquireAsync(_mailbox, "a", Duration, Cancel);

        foreach (var table in new[] { StorageNames.ErasureTable, StorageNames.LockTable })
        {
            await foreach (var row in azurite.Tables.GetTableClient(azurite.Table(table)).QueryAsync<TableEntity>(cancellationToken: Cancel))
            {
                Assert.DoesNotContain("lena.", row.PartitionKey, StringComparison.Ordinal);
                Assert.All(((IDictionary<string, object>)row).Values, v => Assert.DoesNotContain("lena.", v?.ToString() ?? string.Empty, StringComparison.Ordinal));
            }
        }
    }
}
