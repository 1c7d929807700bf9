using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Functions.Http;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Tests.Support;
using Outreach.Graph.Reading;
using Outreach.Storage;
using Outreach.Storage.Pipeline;

namespace Outreach.Functions.Tests.Pipeline;

/// <summary>
/// Issue 12 on the real stack (Azurite, the loopback Graph server): erasure during a paused harvest, two
/// overlapping evaluations of one mailbox, a 403 in auto mode, and what a refused harvest logs.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class ErasureAndLockTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static readonly string[] AppTables =
        [StorageNames.StateTable, StorageNames.ScanTable, StorageNames.ContactTable, StorageNames.InvitationTable, StorageNames.SuppressionTable, StorageNames.DigestTable];

    /// <summary>Rows of any app table that name the mailbox, as partition or as the Mailbox property.</summary>
    private static async Task<int> RowsOfAsync(PipelineHarness harness, string mailbox)
    {
        var count = 0;
        foreach (var name in AppTables)
        {
            var table = harness.Get<TableServiceClient>().GetTableClient(name);
            await table.CreateIfNotExistsAsync(Cancel);
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {mailbox} or Mailbox eq {mailbox}"), cancellationToken: Cancel)) count++;
        }

        return count;
    }

    [Fact]
    public async Task Erasing_while_a_harvest_is_paused_leaves_nothing_in_any_table_once_it_resumes()
    {
        var owner = Unique("vera");
        var gate = new Gate();
        await using var harness = await PipelineHarness.StartAsync([owner], replace: services => services.Replace(ServiceDescriptor.Singleton<IMailboxReader>(
            p => new GatedReader(ActivatorUtilities.CreateInstance<GraphMailboxReader>(p), gate))));
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        await harness.RunWeeklyAsync();

        var pump = Task.Run(() => harness.PumpAsync(Cancel), Cancel);
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        // The inbox and calendar pages go on while Sent Items waits: wait for their checkpoint to be stored.
        for (var i = 0; i < 100 && await harness.Get<IMailboxStateStore>().LoadAsync(owner, Cancel) is null; i++) await Task.Delay(100, Cancel);
        Assert.NotNull(await harness.Get<IMailboxStateStore>().LoadAsync(owner, Cancel));
        var erased = await ActionResults.JsonAsync(await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, Cancel));
        gate.Release.SetResult();
        await pump;

        Assert.True(erased.GetProperty("state").GetBoolean());
        Assert.Equal(0, await RowsOfAsync(harness, owner));
        Assert.Null(await harness.Get<IMailboxStateStore>().LoadAsync(owner, Cancel));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.Evaluate));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Harvest)));
        Assert.Empty(harness.Graph.Mailbox(owner).SentMail); // no digest for an erased mailbox
    }

    [Fact]
    public async Task A_weekly_scan_queued_before_an_erasure_brings_nothing_back()
    {
        var owner = Unique("wade");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        await harness.RunWeeklyAsync(); // queued, then the owner asks for erasure

        await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, Cancel);
        await harness.PumpAsync(Cancel);

        Assert.Equal(0, await RowsOfAsync(harness, owner));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Harvest)));

        // A scan asked for after the erasure runs as usual.
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        Assert.NotEmpty(await harness.Get<IContactResultStore>().ListAsync(owner, null, Cancel));
    }

    [Fact]
    public async Task Two_overlapping_evaluations_of_one_mailbox_leave_one_complete_set_of_rows()
    {
        var owner = Unique("xena");
        var probe = new OverlapProbe();
        await using var harness = await PipelineHarness.StartAsync(
            [owner],
            new() { ["Outreach:Pipeline:LockedRetryDelay"] = "00:00:00" },
            services => services.Replace(ServiceDescriptor.Singleton<IContactResultStore>(
                p => new OverlapProbe.Store(probe, new TableContactResultStore(p.GetRequiredService<TableServiceClient>(), StorageNames.ContactTable)))));
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        var pipeline = harness.Get<ScanPipeline>();
        var first = (await pipeline.StartAsync([owner], "http", Cancel)).Single();
        var second = (await pipeline.StartAsync([owner], "http", Cancel)).Single();
        foreach (var harvest in await ReceiveAsync(harness, QueueNames.Harvest, 2))
        {
            await harness.Get<HarvestFunction>().RunAsync(harvest.Body.ToString(), 1, Cancel);
        }

        var evaluations = await ReceiveAsync(harness, QueueNames.Evaluate, 2);
        await Task.WhenAll(evaluations.Select(e => Task.Run(() => harness.Get<EvaluateFunction>().RunAsync(e.Body.ToString(), 1, Cancel), Cancel)));

        Assert.Equal(1, probe.MostAtOnce);
        var rows = await ContactRowsAsync(harness, owner);
        var writer = Assert.Single(rows.Select(r => r.ScanId).Distinct());
        var completed = (await harness.Get<IScanRecordStore>().GetAsync(writer, Cancel))!;
        Assert.Equal(ScanState.Completed, completed.State);
        Assert.Equal(completed.Contacts, rows.Count);
        Assert.Equal(SmallMailbox.Flagged.Order(), rows.Where(r => r.Status == "flagged").Select(r => r.Email).Order());

        // The evaluation that found the mailbox locked was sent again and completes on its next delivery.
        Assert.Single(await harness.PeekAllAsync(QueueNames.Evaluate));
        await harness.PumpAsync(Cancel);
        Assert.All(new[] { first.ScanId, second.ScanId }, async id => Assert.Equal(ScanState.Completed, (await harness.Get<IScanRecordStore>().GetAsync(id, Cancel))!.State));
        var after = await ContactRowsAsync(harness, owner);
        Assert.Single(after.Select(r => r.ScanId).Distinct());
        Assert.Equal(rows.Count, after.Count);
    }

    [Fact]
    public async Task A_403_on_the_owner_read_in_auto_mode_completes_the_scan_with_the_reason()
    {
        var owner = Unique("yuri");
        var logs = new CapturingLoggerProvider();
        await using var harness = await PipelineHarness.StartAsync([owner], new()
        {
            ["Outreach:Invitations:AutoMode"] = "true",
            ["Outreach:Invitations:AutoModeMaxPerMailbox"] = "2",
        }, services => services.AddSingleton<ILoggerProvider>(logs));
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        var scan = (await harness.Get<ScanPipeline>().StartAsync([owner], "http", Cancel)).Single();
        var harvest = Assert.Single(await ReceiveAsync(harness, QueueNames.Harvest, 1));
        await harness.Get<HarvestFunction>().RunAsync(harvest.Body.ToString(), 1, Cancel);
        harness.Graph.Faults.DenyAccess(owner);

        await harness.PumpAsync(Cancel);

        var record = (await harness.Get<IScanRecordStore>().GetAsync(scan.ScanId, Cancel))!;
        Assert.Equal(ScanState.Completed, record.State);
        Assert.StartsWith("Auto mode invited nobody", record.FailureReason, StringComparison.Ordinal);
        Assert.NotEmpty(await harness.Get<IContactResultStore>().ListAsync(owner, ContactStatus.Flagged, Cancel));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Evaluate)));
        Assert.Empty(harness.Graph.Mailbox(owner).PostedEvents);
        var warning = Assert.Single(logs.Entries, e => e.EventId == 2010);
        Assert.Contains("Forbidden", warning.Text, StringComparison.Ordinal);
        Assert.All(logs.Entries.Where(e => e.Level >= LogLevel.Information), e => Assert.DoesNotContain(owner, e.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_refused_harvest_logs_the_failure_kind_and_never_the_full_address()
    {
        var owner = Unique("zane");
        var logs = new CapturingLoggerProvider();
        await using var harness = await PipelineHarness.StartAsync([owner], replace: services => services.AddSingleton<ILoggerProvider>(logs));
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        harness.Graph.Faults.Fail(owner, 403, "ErrorAccessDenied", $"Access to {owner} is denied by an application access policy.");
        var scan = (await harness.Get<ScanPipeline>().StartAsync([owner], "http", Cancel)).Single();

        await harness.PumpAsync(Cancel);

        // The scan record keeps the whole reason (the owner's own record) ...
        var record = (await harness.Get<IScanRecordStore>().GetAsync(scan.ScanId, Cancel))!;
        Assert.Equal(ScanState.Failed, record.State);
        Assert.Contains(owner, record.FailureReason, StringComparison.OrdinalIgnoreCase);
        // ... the log says the kind and status, for a redacted mailbox.
        var failed = Assert.Single(logs.Entries, e => e.EventId == 2003);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Contains("Forbidden", failed.Text, StringComparison.Ordinal);
        Assert.Contains("403", failed.Text, StringComparison.Ordinal);
        Assert.Contains(EmailAddresses.Redact(owner), failed.Text, StringComparison.Ordinal);
        Assert.All(logs.Entries.Where(e => e.Level >= LogLevel.Information), e => Assert.DoesNotContain(owner, e.Text, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<QueueMessage[]> ReceiveAsync(PipelineHarness harness, string queue, int count)
    {
        var received = new List<QueueMessage>();
        for (var attempt = 0; received.Count < count && attempt < 20; attempt++)
        {
            QueueMessage[] batch = await harness.Queue(queue).ReceiveMessagesAsync(count - received.Count, TimeSpan.FromMinutes(5), Cancel);
            foreach (var message in batch)
            {
                await harness.Queue(queue).DeleteMessageAsync(message.MessageId, message.PopReceipt, Cancel);
                received.Add(message);
            }
        }

        Assert.Equal(count, received.Count);
        return [.. received];
    }

    private static async Task<List<(string Email, string ScanId, string Status)>> ContactRowsAsync(PipelineHarness harness, string mailbox)
    {
        var rows = new List<(string, string, string)>();
        var table = harness.Get<TableServiceClient>().GetTableClient(StorageNames.ContactTable);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {mailbox}"), cancellationToken: Cancel))
        {
            rows.Add((row.GetString("Email")!, row.GetString("ScanId")!, row.GetString("Status")!));
        }

        return rows;
    }

    private sealed class Gate
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The real Graph reader, but Sent Items waits at its first page until the test releases it.</summary>
    private sealed class GatedReader(IMailboxReader inner, Gate gate) : IMailboxReader
    {
        public IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
            string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, CancellationToken cancellationToken) =>
            folder == MailFolderKind.SentItems
                ? Gated(inner.ReadMailAsync(mailbox, folder, cursor, receivedSince, cancellationToken), cancellationToken)
                : inner.ReadMailAsync(mailbox, folder, cursor, receivedSince, cancellationToken);

        public IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
            string mailbox, CalendarWindow window, string? cursor, CancellationToken cancellationToken) =>
            inner.ReadCalendarAsync(mailbox, window, cursor, cancellationToken);

        private async IAsyncEnumerable<ChangePage<T>> Gated<T>(IAsyncEnumerable<ChangePage<T>> pages, [EnumeratorCancellation] CancellationToken ct)
        {
            gate.Reached.TrySetResult();
            await gate.Release.Task.WaitAsync(ct);
            await foreach (var page in pages.WithCancellation(ct)) yield return page;
        }
    }

    /// <summary>Holds each contact write open a moment and counts how many are in flight at once.</summary>
    private sealed class OverlapProbe
    {
        private int _active;

        public int MostAtOnce;

        public sealed class Store(OverlapProbe probe, IContactResultStore inner) : IContactResultStore
        {
            public async Task ReplaceAsync(string mailbox, string scanId, IReadOnlyList<ContactAssessment> contacts, CancellationToken cancellationToken)
            {
                var now = Interlocked.Increment(ref probe._active);
                InterlockedMax(ref probe.MostAtOnce, now);
                try
                {
                    await Task.Delay(700, cancellationToken);
                    await inner.ReplaceAsync(mailbox, scanId, contacts, cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref probe._active);
                }
            }

            public Task<IReadOnlyList<ContactReport>> ListAsync(string mailbox, ContactStatus? status, CancellationToken cancellationToken) =>
                inner.ListAsync(mailbox, status, cancellationToken);

            public Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken) => inner.DeleteMailboxAsync(mailbox, cancellationToken);

            private static void InterlockedMax(ref int target, int value)
            {
                int seen;
                while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
                {
                }
            }
        }
    }
}
