using Azure.Data.Tables;
using Outreach.Core.Pipeline;
using Outreach.Core.State;
using Outreach.Storage.Pipeline;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Pipeline;

public sealed class TableScanRecordStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 9, 30, 15, 123, TimeSpan.Zero);

    private readonly string _mailbox = $"riley.{Guid.NewGuid().ToString("N")[..10]}@northwind.com";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TableScanRecordStore Store() => new(azurite.Tables, azurite.Table(StorageNames.ScanTable));

    private ScanRecord Queued(string? mailbox = null) => new()
    {
        ScanId = ScanRecord.NewId(At),
        Mailbox = mailbox ?? _mailbox,
        Trigger = "http",
        RequestedAt = At,
    };

    [Fact]
    public async Task A_created_record_reads_back_with_its_etag()
    {
        var store = Store();
        var record = Queued();

        Assert.True(await store.TryCreateAsync(record, Cancel));
        var read = await store.GetAsync(record.ScanId, Cancel);

        Assert.NotNull(read);
        Assert.NotNull(read.ETag);
        Assert.Equal(record with { ETag = read.ETag, Counts = read.Counts }, read);
        Assert.Empty(read.Counts);
        Assert.Equal(ScanState.Queued, read.State);
        Assert.Null(read.AsOf);
        Assert.Null(read.FailureReason);
    }

    [Fact]
    public async Task Every_field_round_trips_through_an_update()
    {
        var store = Store();
        var record = Queued();
        await store.TryCreateAsync(record, Cancel);
        var read = (await store.GetAsync(record.ScanId, Cancel))!;

        var completed = read with
        {
            State = ScanState.Completed,
            AsOf = At.AddMinutes(1),
            StartedAt = At.AddSeconds(2),
            CompletedAt = At.AddSeconds(40),
            Counts = new Dictionary<string, int> { ["flagged"] = 17, ["met"] = 12, ["below-threshold"] = 9 },
            Contacts = 38,
            GraphRequests = 21,
            Pages = 7,
            Incremental = true,
            DurationMs = 38_500_000_000L,
            Incomplete = true,
            IncompleteReason = "inbox: 5000 or more messages arrived while the first sync read the folder.",
        };
        var updated = await store.UpdateAsync(completed, Cancel);
        var reread = (await store.GetAsync(record.ScanId, Cancel))!;

        Assert.NotEqual(read.ETag, updated.ETag);
        Assert.Equal(updated.ETag, reread.ETag);
        Assert.Equal(completed.Counts, reread.Counts);
        Assert.Equal(completed with { ETag = reread.ETag, Counts = reread.Counts }, reread);
    }

    [Fact]
    public async Task A_failure_reason_is_kept()
    {
        var store = Store();
        var record = Queued();
        await store.TryCreateAsync(record, Cancel);
        var read = (await store.GetAsync(record.ScanId, Cancel))!;

        await store.UpdateAsync(read with { State = ScanState.Failed, FailureReason = "Grant the app Mail.Read (application)." }, Cancel);

        var failed = (await store.GetAsync(record.ScanId, Cancel))!;
        Assert.Equal(ScanState.Failed, failed.State);
        Assert.Equal("Grant the app Mail.Read (application).", failed.FailureReason);
    }

    [Fact]
    public async Task A_second_create_with_the_same_id_changes_nothing()
    {
        var store = Store();
        var record = Queued();
        await store.TryCreateAsync(record, Cancel);

        Assert.False(await store.TryCreateAsync(record with { Trigger = "timer" }, Cancel));
        Assert.Equal("http", (await store.GetAsync(record.ScanId, Cancel))!.Trigger);
    }

    [Fact]
    public async Task An_update_from_a_stale_read_is_refused()
    {
        var store = Store();
        var record = Queued();
        await store.TryCreateAsync(record, Cancel);
        var first = (await store.GetAsync(record.ScanId, Cancel))!;
        var second = (await store.GetAsync(record.ScanId, Cancel))!;

        await store.UpdateAsync(first with { State = ScanState.Running }, Cancel);

        await Assert.ThrowsAsync<StateConflictException>(() => store.UpdateAsync(second with { State = ScanState.Failed }, Cancel));
        Assert.Equal(ScanState.Running, (await store.GetAsync(record.ScanId, Cancel))!.State);
    }

    [Fact]
    public async Task Updating_a_record_that_was_erased_or_never_read_is_refused()
    {
        var store = Store();
        var record = Queued();
        await store.TryCreateAsync(record, Cancel);
        var read = (await store.GetAsync(record.ScanId, Cancel))!;
        await store.DeleteMailboxAsync(_mailbox, Cancel);

        await Assert.ThrowsAsync<StateConflictException>(() => store.UpdateAsync(read, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpdateAsync(record, Cancel));
    }

    [Fact]
    public async Task An_unknown_scan_is_null()
    {
        Assert.Null(await Store().GetAsync(ScanRecord.NewId(At), Cancel));
    }

    [Fact]
    public async Task Erasing_a_mailbox_deletes_its_scans_only()
    {
        var store = Store();
        var other = $"other.{Guid.NewGuid().ToString("N")[..8]}@northwind.com";
        var mine = new[] { Queued(), Queued(_mailbox.ToUpperInvariant()), Queued() };
        var theirs = Queued(other);
        foreach (var record in mine.Append(theirs)) Assert.True(await store.TryCreateAsync(record, Cancel));

        Assert.Equal(3, await store.DeleteMailboxAsync(" " + _mailbox.ToUpperInvariant(), Cancel));

        foreach (var record in mine) Assert.Null(await store.GetAsync(record.ScanId, Cancel));
        Assert.NotNull(await store.GetAsync(theirs.ScanId, Cancel));
        Assert.Equal(0, await store.DeleteMailboxAsync(_mailbox, Cancel));
    }

    [Fact]
    public async Task The_row_is_a_point_by_scan_id_with_counts_as_json()
    {
        var store = Store();
        var record = Queued() with { Counts = new Dictionary<string, int> { ["flagged"] = 2 } };
        await store.TryCreateAsync(record, Cancel);

        var entity = (await azurite.Tables.GetTableClient(store.TableName)
            .GetEntityAsync<TableEntity>(record.ScanId, "scan", cancellationToken: Cancel)).Value;

        Assert.Equal("{\"flagged\":2}", entity.GetString("Counts"));
        Assert.Equal("queued", entity.GetString("State"));
        Assert.Equal(_mailbox, entity.GetString("Mailbox"));
    }
}
