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
using Outreach.Storage.Files.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Pipeline;

public sealed class ScanPipelineTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-pipeline-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedMailboxReader _reader = new();
    private readonly InMemoryScanRecordStore _scans = new();
    private readonly InMemoryContactResultStore _results = new();
    private readonly InMemoryPipelineQueue _queue = new();
    private readonly IMailboxDirectory _directory2 = Substitute.For<IMailboxDirectory>();
    private readonly FakeTimeProvider _time = new(AsOf);

    public ScanPipelineTests()
    {
        _reader.Add(MailFolderKind.Inbox, Received("dana@fabrikam.com", 20, "t"), Received("dana@fabrikam.com", 5, "t"));
        _reader.Add(MailFolderKind.SentItems, Sent("dana@fabrikam.com", 10, "t"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private ScanPipeline Pipeline(IMailboxReader? reader = null) => new(
        new MailboxScanner(reader ?? _reader, new FileMailboxStateStore(_directory), Options.Create(new WarmthPolicyOptions()),
            Options.Create(new ScanOptions { CheckpointInterval = TimeSpan.Zero }), _time, NullLogger<MailboxScanner>.Instance),
        _scans, _results, _queue, _directory2, Options.Create(new PipelineOptions()), _time, NullLogger<ScanPipeline>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ScanRecord> RunOneAsync(string mailbox = Owner)
    {
        var record = (await Pipeline().StartAsync([mailbox], "http", Ct)).Single();
        Assert.True(_queue.Harvests.TryDequeue(out var harvest));
        await Pipeline().HarvestAsync(harvest, 1, 5, Ct);
        Assert.True(_queue.Evaluations.TryDequeue(out var evaluate));
        await Pipeline().EvaluateAsync(evaluate, Ct);
        return _scans.Records[record.ScanId];
    }

    [Fact]
    public async Task Weekly_run_queues_one_scan_per_mailbox_in_scope()
    {
        _directory2.ResolveAsync(Arg.Any<CancellationToken>()).Returns(["a@northwind.com", "b@northwind.com", "c@northwind.com"]);

        var records = await Pipeline().StartWeeklyAsync(Ct);

        Assert.Equal(3, records.Count);
        Assert.Equal(3, _queue.Harvests.Count);
        Assert.All(records, r => Assert.Equal(ScanState.Queued, _scans.Records[r.ScanId].State));
        Assert.All(_queue.Harvests, h => Assert.Equal("timer", h.Trigger));
    }

    [Fact]
    public async Task The_same_mailbox_twice_in_one_request_is_scanned_once()
    {
        var records = await Pipeline().StartAsync(["Avery@Northwind.com", "avery@northwind.com"], "http", Ct);

        Assert.Single(records);
    }

    [Fact]
    public async Task Harvest_then_evaluate_completes_the_scan_with_its_outcome()
    {
        var record = await RunOneAsync();

        Assert.Equal(ScanState.Completed, record.State);
        Assert.Equal(1, record.Counts["flagged"]);
        Assert.Equal(1, record.Contacts);
        Assert.Equal(3, record.Pages);
        Assert.False(record.Incremental);
        Assert.Equal(ContactStatus.Flagged, _results.Results[Owner].Single().Status);
    }

    [Fact]
    public async Task A_repeated_harvest_message_changes_nothing()
    {
        await Pipeline().StartAsync([Owner], "http", Ct);
        _queue.Harvests.TryDequeue(out var harvest);
        await Pipeline().HarvestAsync(harvest!, 1, 5, Ct);
        _queue.Evaluations.TryDequeue(out var evaluate);
        await Pipeline().EvaluateAsync(evaluate!, Ct);
        var pagesServed = _reader.PagesServed;

        await Pipeline().HarvestAsync(harvest!, 2, 5, Ct);
        await Pipeline().EvaluateAsync(evaluate!, Ct);

        Assert.Equal(pagesServed, _reader.PagesServed);
        Assert.Empty(_queue.Evaluations);
        Assert.Equal(1, _results.Writes);
    }

    [Theory]
    [InlineData(MailboxAccessFailure.Forbidden)]
    [InlineData(MailboxAccessFailure.NotFound)]
    [InlineData(MailboxAccessFailure.Unauthorized)]
    public async Task A_refused_mailbox_fails_its_own_scan_with_the_reason(MailboxAccessFailure failure)
    {
        var refusing = Substitute.For<IMailboxReader>();
        refusing.ReadMailAsync(Arg.Any<string>(), Arg.Any<MailFolderKind>(), Arg.Any<string?>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(_ => Throw<MailMessageRecord>(new MailboxAccessException(failure, "Grant Mail.Read.")));
        refusing.ReadCalendarAsync(Arg.Any<string>(), Arg.Any<CalendarWindow>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(_ => Throw<CalendarEventRecord>(new MailboxAccessException(failure, "Grant Mail.Read.")));
        var record = (await Pipeline(refusing).StartAsync([Owner], "http", Ct)).Single();
        _queue.Harvests.TryDequeue(out var harvest);

        await Pipeline(refusing).HarvestAsync(harvest!, 1, 5, Ct);

        var failed = _scans.Records[record.ScanId];
        Assert.Equal(ScanState.Failed, failed.State);
        Assert.Equal("Grant Mail.Read.", failed.FailureReason);
        Assert.Empty(_queue.Evaluations);
    }

    [Fact]
    public async Task A_throttled_mailbox_is_retried_by_the_queue_until_the_last_attempt()
    {
        var throttled = Substitute.For<IMailboxReader>();
        throttled.ReadMailAsync(Arg.Any<string>(), Arg.Any<MailFolderKind>(), Arg.Any<string?>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(_ => Throw<MailMessageRecord>(new MailboxAccessException(MailboxAccessFailure.Throttled, "slow down")));
        throttled.ReadCalendarAsync(Arg.Any<string>(), Arg.Any<CalendarWindow>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(_ => Throw<CalendarEventRecord>(new MailboxAccessException(MailboxAccessFailure.Throttled, "slow down")));
        var record = (await Pipeline(throttled).StartAsync([Owner], "http", Ct)).Single();
        _queue.Harvests.TryDequeue(out var harvest);

        await Assert.ThrowsAsync<MailboxAccessException>(() => Pipeline(throttled).HarvestAsync(harvest!, 1, 5, Ct));
        Assert.Equal(ScanState.Running, _scans.Records[record.ScanId].State);

        await Pipeline(throttled).HarvestAsync(harvest!, 5, 5, Ct);
        Assert.Equal(ScanState.Failed, _scans.Records[record.ScanId].State);
    }

    [Fact]
    public async Task A_crash_on_the_last_attempt_marks_the_scan_failed_before_the_message_is_poisoned()
    {
        _reader.FailAfterPages = 1;
        var record = (await Pipeline().StartAsync([Owner], "http", Ct)).Single();
        _queue.Harvests.TryDequeue(out var harvest);

        await Assert.ThrowsAsync<IOException>(() => Pipeline().HarvestAsync(harvest!, 1, 5, Ct));
        Assert.Equal(ScanState.Running, _scans.Records[record.ScanId].State);
        await Assert.ThrowsAsync<IOException>(() => Pipeline().HarvestAsync(harvest!, 5, 5, Ct));

        var failed = _scans.Records[record.ScanId];
        Assert.Equal(ScanState.Failed, failed.State);
        Assert.Contains("outreach-harvest-poison", failed.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_messages_go_to_the_poison_queue_with_their_reason()
    {
        await Pipeline().RejectAsync(QueueNames.Harvest, "garbage", "not valid JSON", Ct);

        Assert.Equal((QueueNames.Harvest, "garbage", "not valid JSON"), Assert.Single(_queue.Poisoned));
    }

    private static async IAsyncEnumerable<ChangePage<T>> Throw<T>(Exception error)
    {
        await Task.Yield();
        throw error;
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }
}
