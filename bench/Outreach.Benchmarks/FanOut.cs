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
using Outreach.Testing.Graph;

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
    /// <param name="MessagesOf">Issue 11's tenant: mailbox i's size (default: <paramref name="Messages"/> each).</param>
    /// <param name="PageSize">0: the product's default page size.</param>
    public sealed record Options(string Storage, int Mailboxes, int Messages, int Events, int Contacts, int PageSize, int ThrottleEvery,
        TimeSpan Latency, TimeSpan Timeout, int OnDemand, Func<int, int>? MessagesOf = null, bool OutlookLimits = false, int Sparse = 0);

    public sealed record Result(int Mailboxes, int Scans, int OnDemand, int MessagesPerMailbox, int EventsPerMailbox, int PageSize, int ThrottleEvery, int LatencyMs,
        int Completed, int Failed, int Unfinished, long Requests, long Throttled, long Bytes, int MaxInFlightPerMailbox, int MaxInFlightTotal,
        int FunctionFailures, int Poisoned, long ScanRecordRequests, double WallSeconds, IReadOnlyList<string> FailureReasons, TenantFigures? Tenant = null);

    /// <summary>
    /// What the tenant-sized run adds: sizes, Outlook's limits as the server saw them per mailbox, Graph requests
    /// and Azure Storage transactions per mailbox (counted by a pipeline policy on the app's own storage clients,
    /// built as StorageClientFactory builds them; the host-like pump's queue calls counted apart), executions and
    /// their durations for the cost estimate.
    /// </summary>
    public sealed record TenantFigures(long TotalMessages, int SmallestMailbox, int LargestMailbox, int MedianMailbox, int MailboxesOver20k,
        int MaxPerTenMinutesPerMailbox, long LimitThrottled, double GraphRequestsPerMailboxMean, long GraphRequestsPerMailboxMedian, long GraphRequestsPerMailboxMax,
        long AppTableTransactions, long AppQueueTransactions, long HostQueueTransactions, int Executions, double ExecutionSeconds, double ProcessCpuSeconds);

    private const int HostParallelism = 8 + 4; // host.json extensions.queues: batchSize + newBatchThreshold

    public static async Task<Result> RunAsync(GraphLoopbackServer server, Options options, DateTimeOffset asOf)
    {
        // A run-specific domain: state, scans and contacts of earlier runs never collide with this one.
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, options.Mailboxes).Select(i => $"m{i:D3}@fanout-{run}.example").ToList();
        // Mailboxes are made when the server first asks for one (a GeneratedMailbox is a few fields and its sparse
        // contacts), so a tenant of 1,000 costs next to nothing until it is read.
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.OrdinalIgnoreCase);
        var sizes = names.Select((_, i) => options.MessagesOf?.Invoke(i) ?? options.Messages).ToArray();
        var made = new System.Collections.Concurrent.ConcurrentDictionary<string, GeneratedMailbox>(StringComparer.OrdinalIgnoreCase);
        server.GeneratedMailboxes = id => index.TryGetValue(id, out var i) ? made.GetOrAdd(id, n => Make(n, sizes[i])) : null;
        // 1 request in N answered 429, Retry-After alternating 1 s and 0 s (one client waits, the next retries at once).
        if (options.ThrottleEvery > 0) server.Faults.ThrottleEvery(options.ThrottleEvery, [1, 0]);
        server.ResponseDelay = options.Latency;
        server.Outlook.Enforce = options.OutlookLimits;
        server.ResetCounters();
        var appTable = new CountingPolicy();
        var appQueue = new CountingPolicy();
        var hostQueue = new CountingPolicy();
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
            if (options.PageSize <= 0) settings.Remove("Outreach:Graph:PageSize");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            // The app's storage clients exactly as StorageClientFactory builds them from a connection string,
            // plus a policy counting every request sent (retries included: each is a billable transaction).
            var tableOptions = new Azure.Data.Tables.TableClientOptions();
            tableOptions.AddPolicy(appTable, Azure.Core.HttpPipelinePosition.PerRetry);
            var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            queueOptions.AddPolicy(appQueue, Azure.Core.HttpPipelinePosition.PerRetry);
            await using var services = new ServiceCollection()
                .AddSingleton(new Azure.Data.Tables.TableServiceClient(options.Storage, tableOptions))
                .AddSingleton(new QueueServiceClient(options.Storage, queueOptions))
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

            var hostOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            hostOptions.AddPolicy(hostQueue, Azure.Core.HttpPipelinePosition.PerRetry);
            var queues = new QueueServiceClient(options.Storage, hostOptions);
            foreach (var name in new[] { QueueNames.Harvest, QueueNames.Evaluate, QueueNames.PoisonOf(QueueNames.Harvest), QueueNames.PoisonOf(QueueNames.Evaluate) })
            {
                await queues.GetQueueClient(name).CreateIfNotExistsAsync();
                await queues.GetQueueClient(name).ClearMessagesAsync();
            }

            appTable.Reset();
            appQueue.Reset();
            hostQueue.Reset();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
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

            // The bench's own watcher reads scan records through a client of its own (not counted), a slice at a
            // time, so watching 1,000 scans neither floods Azurite nor inflates the app's transaction count.
            var store = new Outreach.Storage.Pipeline.TableScanRecordStore(new Azure.Data.Tables.TableServiceClient(options.Storage));
            var final = new Dictionary<string, ScanRecord>();
            var next = 0;
            while (final.Count < records.Count && stopwatch.Elapsed < options.Timeout)
            {
                await Task.Delay(records.Count > 300 ? 1000 : 250);
                var pending = records.Where(r => !final.ContainsKey(r.ScanId)).ToList();
                foreach (var record in pending.Skip(next % Math.Max(1, pending.Count)).Concat(pending).Take(Math.Min(pending.Count, 100)))
                {
                    if (await store.GetAsync(record.ScanId, CancellationToken.None) is { State: ScanState.Completed or ScanState.Failed } done) final[record.ScanId] = done;
                }

                next += 100;
            }

            stopwatch.Stop();
            await stop.CancelAsync();
            await Task.WhenAll(pumps);
            var failed = final.Values.Where(r => r.State == ScanState.Failed).ToList();
            TenantFigures? tenant = null;
            if (options.MessagesOf is not null)
            {
                var mostPerWindow = server.Outlook.MostPerWindow;
                var perMailbox = server.Requests.PerMailbox.Where(p => index.ContainsKey(p.Key))
                    .Select(p => (p.Value.Requests, MaxPerWindow: mostPerWindow.GetValueOrDefault(p.Key))).ToList();
                var requests = perMailbox.Select(p => p.Requests).Order().ToList();
                var ordered = sizes.Order().ToArray();
                tenant = new TenantFigures(sizes.Sum(n => (long)n), ordered[0], ordered[^1], ordered[ordered.Length / 2], sizes.Count(n => n > 20_000),
                    perMailbox.Count == 0 ? 0 : perMailbox.Max(p => p.MaxPerWindow), server.Outlook.Throttled,
                    requests.Count == 0 ? 0 : requests.Average(), requests.Count == 0 ? 0 : requests[requests.Count / 2], requests.Count == 0 ? 0 : requests[^1],
                    appTable.Count, appQueue.Count, hostQueue.Count, counters.Executions, counters.ExecutionTicks / (double)Stopwatch.Frequency,
                    (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            }

            return new Result(options.Mailboxes, records.Count, options.OnDemand, options.Messages, options.Events, options.PageSize, options.ThrottleEvery, (int)options.Latency.TotalMilliseconds,
                final.Values.Count(r => r.State == ScanState.Completed), failed.Count, records.Count - final.Count,
                server.Requests.Count, server.Faults.Throttled, server.Requests.Bytes, server.Requests.MaxConcurrentAnyMailbox, server.Requests.MaxConcurrent,
                counters.FunctionFailures, counters.Poisoned, final.Values.Sum(r => (long)r.GraphRequests), stopwatch.Elapsed.TotalSeconds,
                [.. failed.Select(r => r.FailureReason ?? "(no reason)").Distinct().Take(5)], tenant);
        }
        finally
        {
            server.GeneratedMailboxes = null;
            server.Faults.Clear();
            server.ResponseDelay = TimeSpan.Zero;
            server.Outlook.Enforce = false;
        }

        GeneratedMailbox Make(string name, int messages) =>
            options.MessagesOf is null
                ? new GeneratedMailbox(name, messages, options.Contacts, options.Events, asOf, options.Sparse)
                // A tenant's mailboxes: contacts and meetings grow with the mailbox (one contact per 30 messages,
                // one event per 10), within the bounds of the single-mailbox runs.
                : new GeneratedMailbox(name, messages, Math.Clamp(messages / 30, options.Contacts, 3000), Math.Clamp(messages / 10, options.Events, 10_000), asOf, options.Sparse);
    }

    /// <summary>Counts every request a storage client sends (as a per-retry policy: each attempt is a transaction).</summary>
    private sealed class CountingPolicy : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(Azure.Core.HttpMessage message) => Interlocked.Increment(ref _count);
    }

    private sealed class PumpCounters
    {
        public int FunctionFailures;
        public int Poisoned;
        public int Executions;
        public long ExecutionTicks;

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
            var started = Stopwatch.GetTimestamp();
            try
            {
                Interlocked.Increment(ref counters.Executions);
                try
                {
                    await function(text, message.DequeueCount, CancellationToken.None);
                }
                finally
                {
                    Interlocked.Add(ref counters.ExecutionTicks, Stopwatch.GetTimestamp() - started);
                }

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
