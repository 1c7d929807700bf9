using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using Outreach.Storage.Files.Digest;
using Outreach.Storage.Files.Invitations;
using Outreach.Storage.Files.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Pipeline;

/// <summary>Erasure during a scan, evaluate's last attempt and the mailbox lock, with the local file stores.</summary>
public sealed class ScanPipelineErasureTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-erasure-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedMailboxReader _reader = new();
    private readonly InMemoryScanRecordStore _scans = new();
    private readonly InMemoryContactResultStore _results = new();
    private readonly InMemoryPipelineQueue _queue = new();
    private readonly InMemoryMailboxGenerationStore _generations = new();
    private readonly FakeTimeProvider _time = new(AsOf);
    private readonly FileMailboxStateStore _states;
    private readonly MailboxEraser _eraser;

    public ScanPipelineErasureTests()
    {
        _reader.Add(MailFolderKind.Inbox, Received("dana@fabrikam.com", 20, "t"), Received("dana@fabrikam.com", 5, "t"));
        _reader.Add(MailFolderKind.SentItems, Sent("dana@fabrikam.com", 10, "t"));
        _states = new FileMailboxStateStore(_directory);
        _eraser = new MailboxEraser(_states, _scans, _results, new FileInvitationLedger(_directory), new FileSuppressionList(_directory, _time),
            NullLogger<MailboxEraser>.Instance, new FileDigestStore(_directory, _time), _generations);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ScanPipeline Pipeline(IMailboxReader? reader = null, IMailboxStateStore? states = null, IContactResultStore? results = null, IMailboxLock? locks = null)
    {
        var fence = new ErasureFence(_generations);
        return new(
            new MailboxScanner(reader ?? _reader, states ?? _states, Options.Create(new WarmthPolicyOptions()),
                Options.Create(new ScanOptions { CheckpointInterval = TimeSpan.Zero }), _time, NullLogger<MailboxScanner>.Instance, fence),
            _scans, results ?? _results, _queue, Substitute.For<IMailboxDirectory>(), Options.Create(new PipelineOptions { LockedRetryDelay = TimeSpan.FromSeconds(7) }),
            _time, NullLogger<ScanPipeline>.Instance, erasure: fence, eraser: _eraser, locks: locks);
    }

    private async Task<HarvestMessage> QueueAsync()
    {
        await Pipeline().StartAsync([Owner], "http", Ct);
        Assert.True(_queue.Harvests.TryDequeue(out var harvest));
        return harvest;
    }

    private async Task CompleteOneScanAsync()
    {
        await Pipeline().HarvestAsync(await QueueAsync(), 1, 5, Ct);
        Assert.True(_queue.Evaluations.TryDequeue(out var evaluate));
        await Pipeline().EvaluateAsync(evaluate, Ct);
    }

    private void AssertNothingOfTheMailboxRemains()
    {
        Assert.False(File.Exists(Path.Combine(_directory, Owner + ".json")));
        Assert.Empty(Directory.Exists(_directory) ? Directory.EnumerateFiles(_directory, "*avery*", SearchOption.AllDirectories) : []);
        Assert.DoesNotContain(_scans.Records.Values, r => r.Mailbox == Owner);
        Assert.False(_results.Results.ContainsKey(Owner));
        Assert.Empty(_queue.Evaluations);
    }

    [Fact]
    public async Task Erasing_while_a_harvest_is_paused_leaves_nothing_of_the_mailbox_once_it_resumes()
    {
        await CompleteOneScanAsync();
        _reader.Add(MailFolderKind.Inbox, Received("erin@fabrikam.com", 2, "u"));
        var gated = new GatedReader(_reader, MailFolderKind.SentItems);
        var harvest = Pipeline(gated).HarvestAsync(await QueueAsync(), 1, 5, Ct);
        await gated.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(File.Exists(Path.Combine(_directory, Owner + ".json")), "the first scan's state is there to be erased");

        // Who deletes the state file is a race, on purpose: the eraser, or the paused harvest's checkpoint (written
        // beside the gate) finding itself overtaken by the erasure and purging again — then the eraser finds nothing
        // left to delete (report.State false). Either way nothing of the mailbox may remain.
        var report = await _eraser.EraseAsync(Owner, Ct);
        gated.Release.SetResult();
        await harvest; // the message is done: no retry brings the scan back

        Assert.Equal(Owner, report.Mailbox);
        AssertNothingOfTheMailboxRemains();
    }

    [Fact]
    public async Task A_scan_queued_before_an_erasure_writes_nothing_when_it_runs_after()
    {
        var harvest = await QueueAsync();
        await _eraser.EraseAsync(Owner, Ct);

        await Pipeline().HarvestAsync(harvest, 1, 5, Ct);

        Assert.Equal(0, _reader.PagesServed);
        AssertNothingOfTheMailboxRemains();
    }

    [Fact]
    public async Task An_evaluation_queued_before_an_erasure_writes_no_contacts()
    {
        await Pipeline().HarvestAsync(await QueueAsync(), 1, 5, Ct);
        Assert.True(_queue.Evaluations.TryDequeue(out var evaluate));
        await _eraser.EraseAsync(Owner, Ct);

        await Pipeline().EvaluateAsync(evaluate, Ct);

        Assert.Equal(0, _results.Writes);
        AssertNothingOfTheMailboxRemains();
    }

    [Fact]
    public async Task A_state_save_that_an_erasure_overtakes_is_deleted_again()
    {
        // The erasure lands between the scanner's check and its write: only the check after the write can see it.
        var overtaken = new ErasingStateStore(_states, () => _eraser.EraseAsync(Owner, CancellationToken.None));

        await Pipeline(states: overtaken).HarvestAsync(await QueueAsync(), 1, 5, Ct);

        Assert.Equal(1, overtaken.SavesAfterErasure);
        AssertNothingOfTheMailboxRemains();
    }

    [Fact]
    public async Task An_evaluation_failing_on_its_last_attempt_marks_the_scan_failed_with_the_reason()
    {
        var failing = Substitute.For<IContactResultStore>();
        failing.ReplaceAsync(default!, default!, default!, Ct).ReturnsForAnyArgs(Task.FromException(new InvalidOperationException("auto mode asks for too many")));
        var harvest = await QueueAsync();
        await Pipeline().HarvestAsync(harvest, 1, 5, Ct);
        Assert.True(_queue.Evaluations.TryDequeue(out var evaluate));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Pipeline(results: failing).EvaluateAsync(evaluate, 4, 5, Ct));
        Assert.Equal(ScanState.Running, _scans.Records[harvest.ScanId].State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Pipeline(results: failing).EvaluateAsync(evaluate, 5, 5, Ct));

        var failed = _scans.Records[harvest.ScanId];
        Assert.Equal(ScanState.Failed, failed.State);
        Assert.Contains("last attempt (5)", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("outreach-evaluate-poison", failed.FailureReason, StringComparison.Ordinal);
        Assert.NotNull(failed.CompletedAt);
    }

    [Fact]
    public async Task A_stage_that_finds_its_mailbox_locked_comes_back_later_without_using_an_attempt()
    {
        var locks = Substitute.For<IMailboxLock>();
        locks.TryAcquireAsync(default!, default!, default, Ct).ReturnsForAnyArgs((string?)null);
        var harvest = await QueueAsync();

        await Pipeline(locks: locks).HarvestAsync(harvest, 5, 5, Ct);

        Assert.Equal(ScanState.Queued, _scans.Records[harvest.ScanId].State);
        var (message, delay) = Assert.Single(_queue.Deferred);
        Assert.Equal(harvest, message);
        Assert.Equal(TimeSpan.FromSeconds(7), delay);
        Assert.Equal(0, _reader.PagesServed);
    }

    [Fact]
    public async Task A_stage_holds_the_lock_while_it_writes_and_releases_it_before_the_next_stage_is_queued()
    {
        var locks = Substitute.For<IMailboxLock>();
        locks.TryAcquireAsync(default!, default!, default, Ct).ReturnsForAnyArgs("token-1");
        locks.When(l => l.ReleaseAsync(Owner, "token-1", Arg.Any<CancellationToken>())).Do(_ => Assert.Empty(_queue.Evaluations));

        await Pipeline(locks: locks).HarvestAsync(await QueueAsync(), 1, 5, Ct);

        await locks.Received(1).ReleaseAsync(Owner, "token-1", Arg.Any<CancellationToken>());
        Assert.Single(_queue.Evaluations);
    }

    /// <summary>Serves pages from the scripted reader, but holds the first page of one folder until released.</summary>
    private sealed class GatedReader(IMailboxReader inner, MailFolderKind gatedFolder) : IMailboxReader
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
            string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, CancellationToken cancellationToken) =>
            folder == gatedFolder ? Gate(inner.ReadMailAsync(mailbox, folder, cursor, receivedSince, cancellationToken), cancellationToken)
                : inner.ReadMailAsync(mailbox, folder, cursor, receivedSince, cancellationToken);

        public IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
            string mailbox, CalendarWindow window, string? cursor, CancellationToken cancellationToken) =>
            inner.ReadCalendarAsync(mailbox, window, cursor, cancellationToken);

        private async IAsyncEnumerable<ChangePage<T>> Gate<T>(IAsyncEnumerable<ChangePage<T>> pages, [EnumeratorCancellation] CancellationToken ct)
        {
            Reached.TrySetResult();
            await Release.Task.WaitAsync(ct);
            await foreach (var page in pages.WithCancellation(ct)) yield return page;
        }
    }

    /// <summary>Runs an erasure just before the first save reaches the store (after the scanner's check).</summary>
    private sealed class ErasingStateStore(IMailboxStateStore inner, Func<Task> erase) : IMailboxStateStore
    {
        public int SavesAfterErasure { get; private set; }

        public Task<MailboxState?> LoadAsync(string mailbox, CancellationToken cancellationToken) => inner.LoadAsync(mailbox, cancellationToken);

        public async Task SaveAsync(MailboxState state, CancellationToken cancellationToken)
        {
            if (SavesAfterErasure++ == 0) await erase();
            await inner.SaveAsync(state, cancellationToken);
        }

        public Task<bool> DeleteAsync(string mailbox, CancellationToken cancellationToken) => inner.DeleteAsync(mailbox, cancellationToken);
    }
}
