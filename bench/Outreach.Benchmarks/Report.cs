using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Outreach.Benchmarks;

/// <summary>bench/results/results.json (everything measured) and results.md (the tables the README shows).</summary>
internal static class Report
{
    public static long Mb(long bytes) => bytes / (1024 * 1024);

    public static string Write(BenchSettings settings, IReadOnlyList<ScenarioRun> runs, Classification.Result classification,
        FanOut.Result? fanOut, IReadOnlyList<Goal> goals, IReadOnlyList<string> skipped, TimeSpan total,
        LatencyRun? latency = null, FanOut.Result? tenant = null, CostEstimate? cost = null)
    {
        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
        var json = new
        {
            generatedAt = DateTimeOffset.UtcNow,
            machine = new { Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            mailbox = new { settings.Contacts, settings.Events, settings.Sparse, inboxShare = 0.6, messageBodyBytes = "≈2 KB HTML", deltaCap = settings.DeltaCap },
            method = new
            {
                requests = "counted at the loopback server, every attempt",
                bytes = "response body bytes written by the loopback server, uncompressed",
                wall = "the scenario call in the child process (scan, paging or naive loop), server time included",
                cpu = "the child's CPU time over the same call",
                peakWorkingSet = "Process.PeakWorkingSet64 of the client child process at the end (the server runs in the parent)",
                pagingOnly = "the product's GraphMailboxReader and SDK client, same $select/page size/delta requests, three feeds side by side; no classification, no state",
                naive = "GraphServiceClient with defaults: /messages (no $select, default page size 10) then /events, PageIterator",
                minimum = "ceil(messages received in the 180-day window / 1000) per folder + ceil(events / 1000), from the generated mailbox",
                statuses = "the scan's status per contact against IndependentEvaluation: the generated mailbox's own definition run through the documented default rules, every message of the window counted (no product code)",
                latencyNaive = "sampled for a bounded time; projected = max(requests needed / measured rate, Outlook's 10,000-per-10-minutes bound); requests needed = ceil(messages/10) + ceil(events/10) (SDK default page size)",
                storageTransactions = "an Azure.Core per-retry pipeline policy on the app's TableServiceClient/QueueServiceClient (built as StorageClientFactory builds them) and, apart, on the host-like pump's queue client",
            },
            runs,
            classification,
            fanOut,
            latency,
            tenant,
            cost,
            skipped,
            goals,
            allGoalsMet = goals.All(g => g.Met),
            totalSeconds = total.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(settings.OutDir, "results.json"),
            JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");

        var md = new StringBuilder();
        md.AppendLine("# Scan benchmark (issues 6 and 11)").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`bash bench/run.sh` on {machine}; whole run {total.TotalSeconds:F0} s (build excluded). Chart: [scan-cost.png](scan-cost.png).").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Mailbox: 60 % inbox / 40 % sent, {settings.Contacts:N0} contacts, {settings.Events:N0} events, ≈2 KB HTML bodies, generated on the fly by a loopback Graph endpoint (nextLink/deltaLink paging, $select, `Prefer: odata.maxpagesize`). Requests and bytes (uncompressed response bodies) are counted at the server; wall/CPU time and peak working set are the client child process's.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Issue 11: the server caps a filtered message delta at {(settings.DeltaCap > 0 ? $"{settings.DeltaCap:N0} messages per folder (the newest)" : "nothing (--cap 0)")}; each mailbox also holds {settings.Sparse} sparse contacts (only reply 100–170 days old). \"statuses ≠\" counts contacts whose status differs from an independent evaluation of the whole window.").AppendLine();
        md.AppendLine("| scenario | messages | requests | minimum | response MB | wall s | CPU s | peak WS MB | items | statuses ≠ |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Messages:N0} | {r.Requests:N0} | {r.Minimum:N0} | {r.Bytes / 1e6:F1} | {r.WallSeconds:F1} | {r.CpuSeconds:F1} | {Mb(r.PeakWorkingSetBytes)} | {r.Items:N0} | {(r.Mismatches is { } m ? $"{m:N0} / {r.Compared:N0}" : "")} |");
        }

        foreach (var note in skipped) md.AppendLine().Append("Skipped to stay within the budget — ").AppendLine(note);
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Classification (TouchpointRecorder.ApplyMail + WarmthEvaluator.Evaluate, one thread, BenchmarkDotNet in-process, {classification.Iterations} iterations): {classification.Touchpoints:N0} touchpoints over {classification.Contacts:N0} contacts, mean {classification.MeanSeconds * 1000:F0} ms ± {classification.StdDevSeconds * 1000:F0} ms → **{classification.TouchpointsPerSecond / 1e6:F2}M touchpoints/s**.");
        if (fanOut is not null)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Fan-out through the pipeline (timer start → harvest → evaluate; Functions classes, Azure Storage adapters on Azurite, host-like queue pump): {fanOut.Mailboxes} mailboxes × {fanOut.MessagesPerMailbox} messages + {fanOut.EventsPerMailbox} events, page size {fanOut.PageSize}, {fanOut.LatencyMs} ms server latency, every {fanOut.ThrottleEvery}th request answered 429 (Retry-After 0/1 s). {fanOut.OnDemand} of the mailboxes also get two on-demand scans queued back to back just before the weekly run, so two harvests (six feeds) of one mailbox run at once.").AppendLine();
            md.AppendLine("| mailboxes | scans | completed | failed | requests | 429s | max in flight per mailbox | max in flight total | function retries | wall s |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {fanOut.Mailboxes} | {fanOut.Scans} | {fanOut.Completed} | {fanOut.Failed + fanOut.Unfinished} | {fanOut.Requests:N0} | {fanOut.Throttled} | {fanOut.MaxInFlightPerMailbox} | {fanOut.MaxInFlightTotal} | {fanOut.FunctionFailures} | {fanOut.WallSeconds:F1} |");
            foreach (var reason in fanOut.FailureReasons) md.AppendLine(CultureInfo.InvariantCulture, $"- failure: {reason}");
        }

        if (latency is not null)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Real latency (issue 11): {latency.Messages:N0} messages, {latency.LatencyMs} ms added to every request, Outlook's per-mailbox limits enforced (4 at once, 10,000 per 10 minutes, 429 + Retry-After beyond). Our first scan ran to the end: **{latency.OurWallSeconds:F1} s**, {latency.OurRequests:N0} requests, max {latency.OurMaxInFlight} in flight, {latency.OurLimitThrottled} limit 429s. " +
                $"The naive SDK client was **not** run to the end: it was sampled for {latency.NaiveSampledSeconds:F0} s ({latency.NaiveSampledRequests:N0} requests answered = {latency.NaiveRequestsPerSecond:F2} requests/s, max {latency.NaiveMaxInFlight} in flight), and its total is a **projection**: it needs {latency.NaiveRequestsNeeded:N0} requests (ceil(messages/10) + ceil(events/10), the SDK's default page size, known from the mailbox); at the measured rate that is {latency.NaiveSecondsAtMeasuredRate:F0} s, and Outlook's 10,000-per-10-minutes limit alone bounds it to ≥ {latency.NaiveSecondsLimitBound:F0} s; the larger, **{latency.NaiveProjectedSeconds:F0} s ({latency.NaiveProjectedSeconds / 60:F1} min)**, is {latency.Speedup:F1}× ours.");
        }

        if (tenant?.Tenant is { } t)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Tenant (issue 11): {tenant.Mailboxes:N0} mailboxes through the pipeline (Functions classes, Storage adapters on Azurite, host-like pump), {t.SmallestMailbox:N0}–{t.LargestMailbox:N0} messages (median {t.MedianMailbox:N0}, {t.MailboxesOver20k} above 20,000; {t.TotalMessages:N0} in all; made lazily from the mailbox's index), {tenant.LatencyMs} ms a request, Outlook's per-mailbox limits enforced, every {tenant.ThrottleEvery}th request answered 429 on top, product default page size.").AppendLine();
            md.AppendLine("| mailboxes | completed | failed | wall s | CPU s (bench process: server + functions) | Graph requests/mailbox (mean, median, max) | max in flight/mailbox | max per 10 min/mailbox | limit 429s | storage transactions per completed scan (app table + app queue + host queue) | executions |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var m = Math.Max(1, Math.Min(tenant.Mailboxes, tenant.Completed)); // per completed scan when some did not finish
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {tenant.Mailboxes:N0} | {tenant.Completed:N0} | {tenant.Failed + tenant.Unfinished:N0} | {tenant.WallSeconds:F0} | {t.ProcessCpuSeconds:F0} | {t.GraphRequestsPerMailboxMean:F1}, {t.GraphRequestsPerMailboxMedian}, {t.GraphRequestsPerMailboxMax} | {tenant.MaxInFlightPerMailbox} | {t.MaxPerTenMinutesPerMailbox:N0} | {t.LimitThrottled} | {(double)(t.AppTableTransactions + t.AppQueueTransactions + t.HostQueueTransactions) / m:F1} ({(double)t.AppTableTransactions / m:F1} + {(double)t.AppQueueTransactions / m:F1} + {(double)t.HostQueueTransactions / m:F1}) | {t.Executions:N0} |");
            foreach (var reason in tenant.FailureReasons) md.AppendLine(CultureInfo.InvariantCulture, $"- failure: {reason}");
            if (cost is not null)
            {
                md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                    $"Cost per mailbox per month (weekly scan, {cost.ScansPerMonth} scans): Functions {cost.GbSecondsPerScan:F3} GB-s + {cost.ExecutionsPerScan:F2} executions per scan = ${cost.FunctionsPerMailboxMonth:F6}; Storage {cost.StorageTransactionsPerScan:F1} transactions per scan = ${cost.StoragePerMailboxMonth:F6}; **total ${cost.TotalPerMailboxMonth:F5}** (upper bound with every execution billed on its own instance, {cost.GbSecondsPerScanUpperBound:F2} GB-s per scan: ${cost.TotalUpperBoundPerMailboxMonth:F5}). Prices used:");
                foreach (var price in cost.Prices) md.AppendLine(CultureInfo.InvariantCulture, $"- {price}");
            }
        }

        md.AppendLine().AppendLine("| goal | measured | result |").AppendLine("|---|---|---|");
        foreach (var g in goals) md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Name} | {g.Measured} | {(g.Met ? "met" : "**missed**")} |");
        File.WriteAllText(Path.Combine(settings.OutDir, "results.md"), md.ToString());
        return md.ToString();
    }
}
