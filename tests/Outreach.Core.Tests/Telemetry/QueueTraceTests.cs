using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Outreach.Core.Digest;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.State;
using Outreach.Core.Telemetry;
using Outreach.Core.Tests.Support;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Telemetry;

/// <summary>The W3C traceparent rides on the queue messages, and a stage continues the trace it names.</summary>
public sealed class QueueTraceTests : IDisposable
{
    // Listened to by name, never by comparing with the field: the listener's callback may run while this very field is
    // being initialised (creating a source asks every listener), and would then compare with null and not listen.
    private const string TestSourceName = "Outreach.Core.Tests.Telemetry";
    private static readonly ActivitySource Test = new(TestSourceName);

    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public QueueTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OutreachTelemetry.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_stopped) _stopped.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ScanPipeline Pipeline(InMemoryPipelineQueue queue)
    {
        var time = new FakeTimeProvider(AsOf);
        var scanner = new MailboxScanner(new ScriptedMailboxReader(), Substitute.For<IMailboxStateStore>(), Options.Create(new WarmthPolicyOptions()),
            Options.Create(new ScanOptions()), time, NullLogger<MailboxScanner>.Instance);
        return new ScanPipeline(scanner, new InMemoryScanRecordStore(), new InMemoryContactResultStore(), queue, Substitute.For<IMailboxDirectory>(),
            Options.Create(new PipelineOptions()), time, NullLogger<ScanPipeline>.Instance);
    }

    [Fact]
    public async Task A_queued_harvest_carries_the_traceparent_of_the_scan_start_under_the_current_activity()
    {
        var queue = new InMemoryPipelineQueue();
        ActivityTraceId trace;
        using (var invocation = Test.StartActivity("http invocation"))
        {
            trace = invocation!.TraceId;
            await Pipeline(queue).StartAsync([Owner], "http", Ct);
        }

        Assert.True(queue.Harvests.TryDequeue(out var harvest));
        Assert.NotNull(harvest.TraceParent);
        // Other tests may run on the same static source in parallel: only this trace counts.
        List<Activity> mine;
        lock (_stopped) mine = [.. _stopped.Where(a => a.TraceId == trace)];
        var start = Assert.Single(mine, a => a.OperationName == "scan.start");
        Assert.Equal(trace, start.TraceId);
        Assert.Equal($"00-{trace}-{start.SpanId}-01", harvest.TraceParent);
        Assert.Equal("http", start.GetTagItem("outreach.scan.trigger"));
        Assert.Equal(1, start.GetTagItem("outreach.scan.count"));
    }

    [Fact]
    public void A_stage_is_the_child_of_the_message_traceparent_and_linked_to_the_invocation()
    {
        const string parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var invocation = Test.StartActivity("queue invocation")!;

        using (var stage = QueueTrace.StartStage("scan.harvest", parent, "20260601120000-abc", 2))
        {
            Assert.NotNull(stage);
            Assert.Equal("0af7651916cd43dd8448eb211c80319c", stage.TraceId.ToHexString());
            Assert.Equal("b7ad6b7169203331", stage.ParentSpanId.ToHexString());
            Assert.Equal(ActivityKind.Consumer, stage.Kind);
            Assert.Equal(invocation.Context, Assert.Single(stage.Links).Context);
            Assert.Equal(2L, stage.GetTagItem("messaging.message.delivery_count"));
            Assert.Equal(QueueTrace.CurrentTraceParent(), stage.Id);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public void A_message_without_a_valid_traceparent_starts_a_new_trace(string? traceParent)
    {
        using var stage = QueueTrace.StartStage("scan.evaluate", traceParent, "20260601120000-abc", 1);

        Assert.NotNull(stage);
        Assert.Equal(default, stage.ParentSpanId);
        Assert.Null(stage.Parent);
        Assert.Empty(stage.Links);
    }

    [Fact]
    public void A_message_without_a_traceparent_continues_the_invocation_activity()
    {
        using var invocation = Test.StartActivity("queue invocation")!;

        using var stage = QueueTrace.StartStage("scan.evaluate", null, "20260601120000-abc", 1);

        Assert.NotNull(stage);
        Assert.Equal(invocation.SpanId, stage.ParentSpanId);
        Assert.Empty(stage.Links);
    }

    [Fact]
    public void The_traceparent_is_written_under_its_W3C_name_and_a_message_without_it_still_reads()
    {
        var message = new EvaluateMessage(EvaluateMessage.CurrentVersion, "20260601120000-abc", Owner, AsOf, 3, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        var json = JsonSerializer.Serialize(message, PipelineJsonContext.Default.EvaluateMessage);
        Assert.Contains("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"", json, StringComparison.Ordinal);
        Assert.True(PipelineMessageReader.TryReadEvaluate(json, out var read, out _));
        Assert.Equal(message, read);

        var old = json.Replace(",\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("traceparent", old, StringComparison.Ordinal);
        Assert.True(PipelineMessageReader.TryReadEvaluate(old, out var oldRead, out var reason), reason);
        Assert.Null(oldRead.TraceParent);
        Assert.True(PipelineMessageReader.TryReadHarvest(
            $$"""{"v":1,"scanId":"20260601120000-abc","mailbox":"{{Owner}}","requestedAt":"2026-06-01T12:00:00Z","trigger":"timer"}""", out var harvest, out reason), reason);
        Assert.Null(harvest.TraceParent);
    }

    [Theory]
    [InlineData(DigestOutcome.AlreadySent, "already_sent")]
    [InlineData(DigestOutcome.Sent, "sent")]
    [InlineData(Outreach.Core.Invitations.InvitationOutcome.DryRun, "dry_run")]
    [InlineData(Outreach.Core.Sources.MailboxAccessFailure.NotFound, "not_found")]
    public void Tag_words_are_enum_names_in_snake_case(Enum value, string expected) =>
        Assert.Equal(expected, OutreachTelemetry.Word(value));
}
