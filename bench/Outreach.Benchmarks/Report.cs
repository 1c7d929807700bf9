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
        FanOut.Result? fanOut, IReadOnlyList<Goal> goals, IReadOnlyList<string> skipped, TimeSpan total)
    {
        var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
        var json = new
        {
            generatedAt = DateTimeOffset.UtcNow,
            machine = new { Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            mailbox = new { settings.Contacts, settings.Events, inboxShare = 0.6, messageBodyBytes = "≈2 KB HTML" },
            method = new
            {
                requests = "counted at the loopback server, every attempt",
                bytes = "response body bytes written by the loopback server, uncompressed",
                wall = "the scenario call in the child process (scan, paging or naive loop), server time included",
                cpu = "the child's CPU time over the same call",
                peakWorkingSet = "Process.PeakWorkingSet64 of the client child process at the end (the server runs in the parent)",
                pagingOnly = "the product's GraphMailboxReader and SDK client, same $select/page size/delta requests, three feeds side by side; no classification, no state",
                naive = "GraphServiceClient with defaults: /messages (no $select, default page size 10) then /events, PageIterator",
            },
            runs,
            classification,
            fanOut,
            skipped,
            goals,
            allGoalsMet = goals.All(g => g.Met),
            totalSeconds = total.TotalSeconds,
        };
        File.WriteAllText(Path.Combine(settings.OutDir, "results.json"),
            JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");

        var md = new StringBuilder();
        md.AppendLine("# Scan benchmark (issue 6)").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`bash bench/run.sh` on {machine}; whole run {total.TotalSeconds:F0} s (build excluded). Chart: [scan-cost.png](scan-cost.png).").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Mailbox: 60 % inbox / 40 % sent, {settings.Contacts:N0} contacts, {settings.Events:N0} events, ≈2 KB HTML bodies, generated on the fly by a loopback Graph endpoint (nextLink/deltaLink paging, $select, `Prefer: odata.maxpagesize`). Requests and bytes (uncompressed response bodies) are counted at the server; wall/CPU time and peak working set are the client child process's.").AppendLine();
        md.AppendLine("| scenario | messages | requests | minimum | response MB | wall s | CPU s | peak WS MB | items |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Messages:N0} | {r.Requests:N0} | {r.Minimum:N0} | {r.Bytes / 1e6:F1} | {r.WallSeconds:F1} | {r.CpuSeconds:F1} | {Mb(r.PeakWorkingSetBytes)} | {r.Items:N0} |");
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

        md.AppendLine().AppendLine("| goal | measured | result |").AppendLine("|---|---|---|");
        foreach (var g in goals) md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Name} | {g.Measured} | {(g.Met ? "met" : "**missed**")} |");
        File.WriteAllText(Path.Combine(settings.OutDir, "results.md"), md.ToString());
        return md.ToString();
    }
}
