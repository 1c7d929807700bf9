using System.Diagnostics;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core;
using Outreach.Core.Pipeline;
using Outreach.Functions;
using Outreach.Functions.Pipeline;
using Outreach.Graph;
using Outreach.Storage;

namespace Outreach.Benchmarks;

/// <summary>
/// Fan-out: the Functions app's real services (ScanPipeline, HarvestFunction, EvaluateFunction, the Azure
/// Storage adapters against Azurite, the Graph client with its per-mailbox limit and retry handler) scan
/// many small generated mailboxes while the loopback server answers 1 request in N with 429. A pump plays the
/// Functions host: up to batchSize + newBatchThreshold (host.json: 8 + 4) messages per queue at once, delete on
/// success, visible again after a failure, "-poison" after maxDequeueCount deliveries.
/// </summary>
internal static class FanOut
{
    /// <param name="OnDemand">
    /// Mailboxes that also get two on-demand scans (as two POST /api/scans would queue) just before the weekly
    /// run: two harvests of one mailbox at once, six feeds, which the per-mailbox limit must hold to 4.
    /// </param>
    public sealed record Options(string Storage, int Mailboxes, int Messages, int Events, int Contacts, int PageSize, int ThrottleEvery,
        TimeSpan Latency, TimeSpan Timeout, int OnDemand);

    public sealed record Result(int Mailboxes, int Scans, int OnDemand, int MessagesPerMailbox, int EventsPerMailbox, int PageSize, int ThrottleEvery, int LatencyMs,
        int Completed, int Failed, int Unfinished, long Requests, long Throttled, long Bytes, int MaxInFlightPerMailbox, int MaxInFlightTotal,
        int FunctionFailures, int Poisoned, long ScanRecordRequests, double WallSeconds, IReadOnlyList<string> FailureReasons);

    private const int HostParallelism = 8 + 4; // host.json extensions.queues: batchSize + newBatchThreshold

    public static async Task<Result> RunAsync(BenchGraphServer server, Options options, DateTimeOffset asOf)
    {
        // A run-specific domain: state, scans and contacts of earlier runs never collide with this one.
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, options.Mailboxes).Select(i => $"m{i:D3}@fanout-{run}.example").ToList();
        var mailboxes = names.ToDictionary(n => n, n => new GeneratedMailbox(n, options.Messages, options.Contacts, options.Events, asOf), StringComparer.OrdinalIgnoreCase);
        server.Mailboxes = id => mailboxes.GetValueOrDefault(id);
        server.ThrottleEvery = options.ThrottleEvery;
        server.Latency = options.Latency;
        server.ResetCounters();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                [StorageNames.ConnectionSetting] = options.Storage,
                ["Outreach:Graph:BaseUrl"] = server.BaseUrl,
                ["Outreach:Graph:AccessToken"] = "bench-token",
                ["Outreach:Graph:PageSize"] = options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            for (var i = 0; i < names.Count; i++) settings[$"Outreach:Pipeline:Mailboxes:{i}"] = names[i];
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            await using var services = new ServiceCollection()
                .AddLogging()
                .AddOutreachCore(configuration)
                .AddOutreachPipeline(configuration)
                .AddOutreachInvitations(configuration)
                .AddOutreachGraph(configuration)
                .AddOutreachStorage(configuration)
                .AddOutreachFunctions()
                .AddSingleton<TimeProvider>(new FixedTime(asOf))
                .AddTransient<HarvestFunction>()
                .AddTransient<EvaluateFunction>()
                .BuildServiceProvider();
            services.GetRequiredService<IStartupValidator>().Validate();

            var queues = new QueueServiceClient(options.Storage, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            foreach (var name in new[] { QueueNames.Harvest, QueueNames.Evaluate, QueueNames.PoisonOf(QueueNames.Harvest), QueueNames.PoisonOf(QueueNames.Evaluate) })
            {
                await queues.GetQueueClient(name).CreateIfNotExistsAsync();
                await queues.GetQueueClient(name).ClearMessagesAsync();
            }

            var stopwatch = Stopwatch.StartNew();
            var pipeline = services.GetRequiredService<ScanPipeline>();
            var records = new List<ScanRecord>();
            // Two on-demand scans back to back per mailbox (two POST /api/scans): adjacent in the queue, so the
            // host delivers them in the same batch and both harvests run at once.
            foreach (var name in names.Take(options.OnDemand))
            {
                records.AddRange(await pipeline.StartAsync([name], "http", CancellationToken.None));
                records.AddRange(await pipeline.StartAsync([name], "http", CancellationToken.None));
            }

            records.AddRange(await pipeline.StartWeeklyAsync(CancellationToken.None));
            var counters = new PumpCounters();
            using var stop = new CancellationTokenSource();
            var pumps = new[]
            {
                PumpAsync(queues.GetQueueClient(QueueNames.Harvest), queues, counters, (text, count, ct) => services.GetRequiredService<HarvestFunction>().RunAsync(text, count, ct), stop.Token),
                PumpAsync(queues.GetQueueClient(QueueNames.Evaluate), queues, counters, (text, count, ct) => services.GetRequiredService<EvaluateFunction>().RunAsync(text, count, ct), stop.Token),
            };

            var store = services.GetRequiredService<IScanRecordStore>();
            var final = new Dictionary<string, ScanRecord>();
            while (final.Count < records.Count && stopwatch.Elapsed < options.Timeout)
            {
                await Task.Delay(250);
                foreach (var record in records.Where(r => !final.ContainsKey(r.ScanId)))
                {
                    if (await store.GetAsync(record.ScanId, CancellationToken.None) is { State: ScanState.Completed or ScanState.Failed } done) final[record.ScanId] = done;
                }
            }

            stopwatch.Stop();
            await stop.CancelAsync();
            await Task.WhenAll(pumps);
            var failed = final.Values.Where(r => r.State == ScanState.Failed).ToList();
            return new Result(options.Mailboxes, records.Count, options.OnDemand, options.Messages, options.Events, options.PageSize, options.ThrottleEvery, (int)options.Latency.TotalMilliseconds,
                final.Values.Count(r => r.State == ScanState.Completed), failed.Count, records.Count - final.Count,
                server.Requests, server.Throttled, server.Bytes, server.MaxInFlightPerMailbox, server.MaxInFlightTotal,
                counters.FunctionFailures, counters.Poisoned, final.Values.Sum(r => (long)r.GraphRequests), stopwatch.Elapsed.TotalSeconds,
                [.. failed.Select(r => r.FailureReason ?? "(no reason)").Distinct().Take(5)]);
        }
        finally
        {
            server.Mailboxes = null;
            server.ThrottleEvery = 0;
            server.Latency = TimeSpan.Zero;
        }
    }

    private sealed class PumpCounters
    {
        public int FunctionFailures;
        public int Poisoned;

    }

    /// <summary>One queue's share of the host: receive while slots are free, run each message, settle it.</summary>
    private static async Task PumpAsync(QueueClient queue, QueueServiceClient queues, PumpCounters counters,
        Func<string, long, CancellationToken, Task> function, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(HostParallelism, HostParallelism);
        var running = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                var free = slots.CurrentCount;
                if (free == 0)
                {
                    await Task.WhenAny(running);
                    continue;
                }

                QueueMessage[] batch = await queue.ReceiveMessagesAsync(Math.Min(free, 32), TimeSpan.FromSeconds(60), stop);
                if (batch.Length == 0)
                {
                    await Task.Delay(100, stop);
                    continue;
                }

                foreach (var message in batch)
                {
                    await slots.WaitAsync(stop);
                    running.Add(DeliverAsync(message));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);

        async Task DeliverAsync(QueueMessage message)
        {
            var text = message.Body.ToString();
            try
            {
                await function(text, message.DequeueCount, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            catch (Exception) when (message.DequeueCount >= QueueSettings.MaxDequeueCount)
            {
                Interlocked.Increment(ref counters.FunctionFailures);
                Interlocked.Increment(ref counters.Poisoned);
                await queues.GetQueueClient(QueueNames.PoisonOf(queue.Name)).SendMessageAsync(text);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            catch (Exception)
            {
                // The host would wait out visibilityTimeout (30 s); one second keeps the run short.
                Interlocked.Increment(ref counters.FunctionFailures);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1));
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
