using System.Diagnostics;
using System.Diagnostics.Metrics;
using Outreach.Core.Sources;
using Outreach.Core.Telemetry;
using Outreach.Graph.Tests.Support;
using static Outreach.Graph.Tests.Support.GraphFixture;

namespace Outreach.Graph.Tests.Telemetry;

/// <summary>
/// Every attempt on the wire is a client span and a count by endpoint, a 429 also a throttle count: through the
/// real SDK and its retry handler against the loopback Graph server. Nothing carries the mailbox.
/// </summary>
public sealed class GraphRequestTelemetryTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Set in the test's async flow: measurements and spans of parallel tests are not counted.</summary>
    private static readonly AsyncLocal<string?> Flow = new();

    [Fact]
    public async Task Throttled_attempts_are_counted_by_endpoint_and_each_attempt_is_a_span_without_the_mailbox()
    {
        var marker = Guid.NewGuid().ToString("N");
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        var spans = new List<Activity>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OutreachTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Flow.Value != marker) return;
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            lock (measurements) measurements.Add((instrument.Name, value, copy));
        });
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OutreachTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Flow.Value == marker) lock (spans) spans.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(activities);

        await using var graph = await StartAsync();
        graph.Server.Mailbox(Mailbox).AddMessage("inbox", Message("m1", "dana@fabrikam.com", Since.AddDays(10)));
        graph.Server.Faults.Throttle(2, 429, retryAfterSeconds: 0);
        Flow.Value = marker;
        await foreach (var _ in graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken))
        {
        }

        // The list page answered 429 twice then 200, then the delta that gives the folder its link.
        long Count(string instrument, string endpoint, int? status = null) => measurements
            .Where(m => m.Instrument == instrument && Equals(m.Tags["endpoint"], endpoint)
                && (status is null || Equals(m.Tags.GetValueOrDefault("http.response.status_code"), status)))
            .Sum(m => m.Value);
        Assert.Equal(2, Count("outreach.graph.throttled", "messages"));
        Assert.Equal(2, Count("outreach.graph.requests", "messages", 429));
        Assert.Equal(1, Count("outreach.graph.requests", "messages", 200));
        Assert.Equal(1, Count("outreach.graph.requests", "messages.delta", 200));
        Assert.Equal(0, Count("outreach.graph.throttled", "messages.delta"));

        Assert.Equal(4, spans.Count);
        Assert.All(spans, s => Assert.Equal(ActivityKind.Client, s.Kind));
        Assert.Equal(2, spans.Count(s => s.DisplayName == "GET messages" && Equals(s.GetTagItem("http.response.status_code"), 429) && s.Status == ActivityStatusCode.Error));
        Assert.Single(spans, s => s.DisplayName == "GET messages.delta" && Equals(s.GetTagItem("graph.endpoint"), "messages.delta"));
        var values = spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(s.DisplayName))
            .Concat(measurements.SelectMany(m => m.Tags.Values.Select(v => v?.ToString() ?? "")));
        Assert.All(values, v => Assert.DoesNotContain("@", v, StringComparison.Ordinal));
        Assert.All(values, v => Assert.DoesNotContain("avery", v, StringComparison.OrdinalIgnoreCase));
    }
}
