using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Outreach.Core.Pipeline;
using Outreach.Core.Telemetry;
using Outreach.Functions.Pipeline;
using Outreach.Functions.Telemetry;
using Outreach.Functions.Tests.Digest;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Telemetry;

/// <summary>
/// The worker's telemetry as <see cref="TelemetryServiceCollectionExtensions.AddOutreachTelemetry"/> wires it,
/// exported in memory: a weekly scan (timer → harvest queue → evaluate queue → digest) and an invitation run
/// through the function classes, on Azurite and the loopback Graph server. The spans form one trace across both
/// queues, the metrics are there, and no tag, status or link carries an address.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class PipelineTelemetryTests
{
    private static readonly ActivitySource Host = new("Outreach.Tests.Host");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private sealed class Exported
    {
        public List<Activity> Spans { get; } = [];

        public List<MetricSnapshot> Metrics { get; } = [];
    }

    private static async Task<(PipelineHarness Harness, Exported Exported)> StartAsync(string owner, Dictionary<string, string?> settings)
    {
        var exported = new Exported();
        var harness = await PipelineHarness.StartAsync([owner], settings, services => services
            .AddOutreachTelemetry(new ConfigurationBuilder().Build())
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(Host.Name).AddInMemoryExporter(exported.Spans))
            .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported.Metrics)));
        // The host would build them at start-up; nothing is recorded before they exist.
        harness.Get<TracerProvider>();
        harness.Get<MeterProvider>();
        return (harness, exported);
    }

    [Fact]
    public async Task A_weekly_scan_an_invitation_and_a_digest_make_one_trace_across_both_queues_and_metrics_without_any_address()
    {
        var owner = Unique("avery");
        var (harness, exported) = await StartAsync(owner, WeeklyDigestEndToEndTests.DigestSettings(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        await using var disposable = harness;
        await harness.LoadSampleAsAsync(owner);

        // The timer's invocation (the host's activity in the worker), then the queues' deliveries on their own.
        ActivityTraceId trace;
        using (var timer = Host.StartActivity("timer invocation"))
        {
            trace = timer!.TraceId;
            await harness.RunWeeklyAsync();
        }

        await harness.PumpAsync(Cancel);
        ActivityTraceId invitationTrace;
        using (var http = Host.StartActivity("http invocation"))
        {
            invitationTrace = http!.TraceId;
            var (status, _) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["priya.raman@fabrikam.com"],"mode":"video"}""");
            Assert.Equal(200, status);
        }

        harness.Get<MeterProvider>().ForceFlush();
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);

        // One trace: timer → scan.start → scan.harvest (from the harvest queue) → scan.evaluate (from the evaluate queue) → digest.send.
        var spans = exported.Spans.Where(s => s.TraceId == trace).ToList();
        var start = Assert.Single(spans, s => s.OperationName == "scan.start");
        var harvest = Assert.Single(spans, s => s.OperationName == "scan.harvest");
        var evaluate = Assert.Single(spans, s => s.OperationName == "scan.evaluate");
        var digest = Assert.Single(spans, s => s.OperationName == "digest.send");
        Assert.Equal(start.SpanId, harvest.ParentSpanId);
        Assert.Equal(harvest.SpanId, evaluate.ParentSpanId);
        Assert.Equal(evaluate.SpanId, digest.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, harvest.Kind);
        Assert.Equal("timer", start.GetTagItem("outreach.scan.trigger"));
        Assert.Equal(harvest.GetTagItem("outreach.scan.id"), evaluate.GetTagItem("outreach.scan.id"));
        Assert.Equal("completed", evaluate.GetTagItem("outreach.scan.outcome"));
        Assert.Equal("sent", digest.GetTagItem("outreach.digest.outcome"));

        // Graph requests are spans of the stage that made them, named by endpoint.
        Assert.Contains(spans, s => s.OperationName == "GET messages.delta" && s.ParentSpanId == harvest.SpanId && s.Kind == ActivityKind.Client);
        Assert.Contains(spans, s => s.OperationName == "GET calendarView.delta" && s.ParentSpanId == harvest.SpanId);
        Assert.Contains(spans, s => s.OperationName == "POST sendMail" && s.ParentSpanId == digest.SpanId);
        var invitation = Assert.Single(exported.Spans, s => s.TraceId == invitationTrace && s.OperationName == "invitations.send");
        Assert.Contains(exported.Spans, s => s.OperationName == "POST events" && s.ParentSpanId == invitation.SpanId);

        // Metrics, by outcome and by endpoint.
        Assert.True(Sum(exported, "outreach.scans", ("outcome", "completed"), ("trigger", "timer")) >= 1);
        Assert.True(Sum(exported, "outreach.graph.requests", ("endpoint", "messages.delta")) >= 2);
        Assert.True(Sum(exported, "outreach.graph.requests", ("endpoint", "calendarView.delta")) >= 1);
        Assert.True(Sum(exported, "outreach.graph.requests", ("endpoint", "sendMail")) >= 1);
        Assert.True(Sum(exported, "outreach.graph.requests", ("endpoint", "events")) >= 1);
        Assert.True(Sum(exported, "outreach.touchpoints.read", ("stream", "inbox")) > 0);
        Assert.True(Sum(exported, "outreach.touchpoints.read", ("stream", "calendar")) > 0);
        Assert.True(Sum(exported, "outreach.invitations", ("outcome", "created")) >= 1);
        Assert.True(Sum(exported, "outreach.digests", ("outcome", "sent")) >= 1);

        AssertNoAddress(exported, owner);
    }

    [Fact]
    public async Task A_queued_message_without_a_traceparent_still_runs_and_starts_its_own_trace()
    {
        var owner = Unique("blake");
        var (harness, exported) = await StartAsync(owner, []);
        await using var disposable = harness;
        await harness.LoadSampleAsAsync(owner);
        var record = new ScanRecord { ScanId = ScanRecord.NewId(PipelineHarness.AsOf), Mailbox = owner, Trigger = "http", RequestedAt = PipelineHarness.AsOf };
        await harness.Get<IScanRecordStore>().TryCreateAsync(record, Cancel);

        // As a worker before this field existed wrote it: no "traceparent".
        var old = $$"""{"v":1,"scanId":"{{record.ScanId}}","mailbox":"{{owner}}","requestedAt":"2026-03-02T09:00:00+00:00","trigger":"http"}""";
        await harness.Get<HarvestFunction>().RunAsync(old, 1, Cancel);
        await harness.PumpAsync(Cancel);

        Assert.Equal(ScanState.Completed, (await harness.Get<IScanRecordStore>().GetAsync(record.ScanId, Cancel))!.State);
        var harvest = Assert.Single(exported.Spans, s => s.OperationName == "scan.harvest" && (string?)s.GetTagItem("outreach.scan.id") == record.ScanId);
        var evaluate = Assert.Single(exported.Spans, s => s.OperationName == "scan.evaluate" && (string?)s.GetTagItem("outreach.scan.id") == record.ScanId);
        Assert.Equal(default, harvest.ParentSpanId);
        Assert.Equal(harvest.SpanId, evaluate.ParentSpanId);
        AssertNoAddress(exported, owner);
    }

    [Fact]
    public async Task A_failed_scan_is_counted_as_failed_with_its_kind_and_its_span_says_so()
    {
        var owner = Unique("casey");
        var (harness, exported) = await StartAsync(owner, []);
        await using var disposable = harness;
        // No sample loaded: Graph answers 404 for this mailbox, so the harvest fails the scan (not retried).
        var records = await harness.Get<ScanPipeline>().StartAsync([owner], "http", Cancel);
        await harness.PumpAsync(Cancel);

        harness.Get<MeterProvider>().ForceFlush();
        Assert.Equal(ScanState.Failed, (await harness.Get<IScanRecordStore>().GetAsync(records[0].ScanId, Cancel))!.State);
        Assert.True(Sum(exported, "outreach.scans", ("outcome", "failed"), ("trigger", "http"), ("failure", "not_found")) >= 1);
        var harvest = Assert.Single(exported.Spans, s => s.OperationName == "scan.harvest" && (string?)s.GetTagItem("outreach.scan.id") == records[0].ScanId);
        Assert.Equal("failed", harvest.GetTagItem("outreach.scan.outcome"));
        AssertNoAddress(exported, owner);
    }

    /// <summary>The sum of a counter's points that carry all the given tags.</summary>
    private static long Sum(Exported exported, string name, params (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var metric in exported.Metrics.Where(m => m.Name == name))
        {
            foreach (var point in metric.MetricPoints)
            {
                var pointTags = Tags(point).ToList();
                if (tags.All(t => pointTags.Any(p => p.Key == t.Key && Equals(p.Value?.ToString(), t.Value)))) sum += point.GetSumLong();
            }
        }

        return sum;
    }

    private static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        foreach (var tag in point.Tags) yield return tag;
    }

    /// <summary>
    /// No span attribute, status, link or metric tag of everything exported (not only this test's) holds an '@',
    /// the owner's mailbox, its local part or its domain.
    /// </summary>
    private static void AssertNoAddress(Exported exported, string owner)
    {
        var local = owner[..owner.IndexOf('@', StringComparison.Ordinal)];
        var domain = owner[(owner.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var values = new List<(string Where, string Value)>();
        foreach (var span in exported.Spans)
        {
            values.Add(($"{span.OperationName} name", span.DisplayName));
            values.Add(($"{span.OperationName} status", span.StatusDescription ?? ""));
            values.AddRange(span.TagObjects.Select(t => ($"{span.OperationName} {t.Key}", t.Value?.ToString() ?? "")));
            values.AddRange(span.Links.SelectMany(l => l.Tags ?? []).Select(t => ($"{span.OperationName} link {t.Key}", t.Value?.ToString() ?? "")));
            values.AddRange(span.Events.SelectMany(e => e.Tags).Select(t => ($"{span.OperationName} event {t.Key}", t.Value?.ToString() ?? "")));
        }

        foreach (var metric in exported.Metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                values.AddRange(Tags(point).Select(t => ($"{metric.Name} {t.Key}", t.Value?.ToString() ?? "")));
            }
        }

        Assert.True(values.Count > 20, $"too little was exported to check: {values.Count} values");
        var leaks = values.Where(v => v.Value.Contains('@', StringComparison.Ordinal)
            || v.Value.Contains(local, StringComparison.OrdinalIgnoreCase) || v.Value.Contains(domain, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, "Addresses in telemetry: " + string.Join("; ", leaks.Select(l => $"{l.Where}={l.Value}")));
    }
}
