using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Outreach.Benchmarks;

// Issue 6 benchmark. Without "child": the orchestrator (server + scenarios in child processes + report).
// With "child": one scenario's client side; prints one JSON line.
var json = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
var asOf = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
const string mailboxName = "avery@northwind.example";

if (args.Length > 0 && args[0] == "child")
{
    var result = args[1] == "our"
        ? await Scenarios.OurScanAsync(args[2], mailboxName, args[3], asOf)
        : await Scenarios.NaiveAsync(args[2], mailboxName);
    Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    return 0;
}

int[] Ints(string name, string fallback) =>
    [.. Option(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var sizes = Ints("--messages", "100000,1000000");
var naiveSizes = Ints("--naive", "100000");
var contacts = Ints("--contacts", "3000")[0];
var events = Ints("--events", "10000")[0];
var classifyN = Ints("--classify", "1000000")[0];
var outDir = Path.GetFullPath(Option("--out", "bench/results"));
Directory.CreateDirectory(outDir);

var total = Stopwatch.StartNew();
await using var server = await BenchGraphServer.StartAsync(new GeneratedMailbox(mailboxName, 0, contacts, 0, asOf));
var runs = new List<ScenarioRun>();
foreach (var size in sizes)
{
    var mailbox = new GeneratedMailbox(mailboxName, size, contacts, events, asOf);
    server.Mailbox = mailbox;
    var minimum = Ceil(mailbox.InboxCount) + Ceil(mailbox.SentCount) + Ceil(mailbox.EventCount);
    var stateDir = Directory.CreateTempSubdirectory("outreach-bench-").FullName;
    try
    {
        runs.Add(await RunAsync("our-full", size, minimum, "our", stateDir));
        runs.Add(await RunAsync("our-rerun", size, minimum, "our", stateDir));
        if (naiveSizes.Contains(size)) runs.Add(await RunAsync("naive", size, minimum, "naive", stateDir));
    }
    finally
    {
        Directory.Delete(stateDir, recursive: true);
    }
}

Console.Error.WriteLine($"classification: {classifyN:N0} touchpoints over {contacts:N0} contacts…");
var classification = Classification.Run(classifyN, contacts, asOf, rounds: 5);

// Goals.
var goals = new List<Goal>();
foreach (var full in runs.Where(r => r.Scenario == "our-full"))
{
    goals.Add(new Goal($"our requests ≤ 1.05 × minimum ({full.Messages:N0} msgs)", $"{full.Requests} vs minimum {full.Minimum}", full.Requests <= 1.05 * full.Minimum));
    var rerun = runs.Single(r => r.Scenario == "our-rerun" && r.Messages == full.Messages);
    goals.Add(new Goal($"rerun ≤ 6 requests ({full.Messages:N0} msgs)", $"{rerun.Requests}", rerun.Requests <= 6));
    if (runs.SingleOrDefault(r => r.Scenario == "naive" && r.Messages == full.Messages) is { } naive)
    {
        var requestRatio = (double)naive.Requests / full.Requests;
        var byteRatio = (double)naive.Bytes / full.Bytes;
        goals.Add(new Goal($"≥ 50× fewer requests than naive ({full.Messages:N0} msgs)", $"{requestRatio:F1}×", requestRatio >= 50));
        goals.Add(new Goal($"≥ 5× fewer bytes than naive ({full.Messages:N0} msgs)", $"{byteRatio:F1}×", byteRatio >= 5));
    }
}

var small = runs.FirstOrDefault(r => r.Scenario == "our-full" && r.Messages == 100_000);
var large = runs.FirstOrDefault(r => r.Scenario == "our-full" && r.Messages == 1_000_000);
if (small is not null && large is not null)
{
    var ratio = (double)large.PeakWorkingSetBytes / small.PeakWorkingSetBytes;
    goals.Add(new Goal("peak working set at 1M ≤ 1.3 × at 100k", $"{ratio:F2}× ({Mb(large.PeakWorkingSetBytes)} vs {Mb(small.PeakWorkingSetBytes)} MB)", ratio <= 1.3));
}
else
{
    goals.Add(new Goal("peak working set at 1M ≤ 1.3 × at 100k", "not measured (needs --messages 100000,1000000)", false));
}

goals.Add(new Goal("classification ≥ 2M touchpoints/s (one core)", $"{classification.TouchpointsPerSecond / 1e6:F2}M/s", classification.TouchpointsPerSecond >= 2_000_000));
total.Stop();

var report = new
{
    generatedAt = DateTimeOffset.UtcNow,
    machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
    mailbox = new { contacts, events, inboxShare = 0.6, messageBodyBytes = "≈2 KB HTML", asOf },
    peakWorkingSet = "Process.PeakWorkingSet64 of the client child process, read by itself at the end of the scenario (the loopback server runs in the parent)",
    bytes = "response body bytes written by the loopback server, uncompressed",
    classificationMethod = "Stopwatch loop, best of 5 after a warm-up round, single thread (not BenchmarkDotNet)",
    runs,
    classification,
    goals,
    allGoalsMet = goals.All(g => g.Met),
    totalSeconds = total.Elapsed.TotalSeconds,
};
await File.WriteAllTextAsync(Path.Combine(outDir, "results.json"), JsonSerializer.Serialize(report, json) + "\n");

var md = new StringBuilder();
md.AppendLine("# Scan benchmark (issue 6)").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Generated by `bench/run.sh` on {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; total {total.Elapsed.TotalSeconds:F0} s.");
md.AppendLine(CultureInfo.InvariantCulture, $"Mailbox: 60 % inbox / 40 % sent, {contacts:N0} contacts, {events:N0} events, ≈2 KB HTML bodies, generated on the fly by a loopback Graph endpoint in `bench/` (real paging: nextLink/deltaLink, $select, Prefer odata.maxpagesize).");
md.AppendLine("Requests and bytes are counted at the server (bytes: uncompressed response bodies). Peak WS: `Process.PeakWorkingSet64` of the client child process.").AppendLine();
md.AppendLine("| scenario | messages | events | requests | minimum | response MB | wall s | peak WS MB | GC heap MB | items |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in runs)
{
    md.AppendLine(CultureInfo.InvariantCulture,
        $"| {r.Scenario} | {r.Messages:N0} | {r.Events:N0} | {r.Requests:N0} | {r.Minimum:N0} | {r.Bytes / 1e6:F1} | {r.WallSeconds:F1} | {Mb(r.PeakWorkingSetBytes)} | {Mb(r.GcHeapBytes)} | {r.Items:N0} |");
}

md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
    $"Classification (ApplyMail + Evaluate, one thread, Stopwatch best of 5): {classification.Touchpoints:N0} touchpoints, {classification.Contacts:N0} contacts, best {classification.BestSeconds * 1000:F0} ms, median {classification.MedianSeconds * 1000:F0} ms → **{classification.TouchpointsPerSecond / 1e6:F2}M touchpoints/s**.").AppendLine();
md.AppendLine("| goal | measured | result |").AppendLine("|---|---|---|");
foreach (var g in goals) md.AppendLine(CultureInfo.InvariantCulture, $"| {g.Name} | {g.Measured} | {(g.Met ? "met" : "**missed**")} |");
await File.WriteAllTextAsync(Path.Combine(outDir, "results.md"), md.ToString());
Console.WriteLine(md.ToString());
return goals.All(g => g.Met) ? 0 : 1;

async Task<ScenarioRun> RunAsync(string scenario, int size, int minimum, string kind, string stateDir)
{
    Console.Error.WriteLine($"{scenario} at {size:N0} messages…");
    server.ResetCounters();
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    // Started as "dotnet Outreach.Benchmarks.dll": the host needs the dll again.
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ScenarioRun).Assembly.Location);
    foreach (var a in new[] { "child", kind, server.BaseUrl, stateDir }) start.ArgumentList.Add(a);
    using var child = Process.Start(start)!;
    var output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    if (child.ExitCode != 0) throw new InvalidOperationException($"{scenario} at {size} failed with exit code {child.ExitCode}.");
    var result = JsonSerializer.Deserialize<ChildResult>(output.Trim().Split('\n')[^1], new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })!;
    var run = new ScenarioRun(scenario, size, events, server.Requests, server.Bytes, minimum, result.WallSeconds, result.PeakWorkingSetBytes,
        result.GcHeapBytes, result.AllocatedBytes, result.Items);
    Console.Error.WriteLine($"  {run.Requests:N0} requests, {run.Bytes / 1e6:F1} MB, {run.WallSeconds:F1} s, peak WS {Mb(run.PeakWorkingSetBytes)} MB");
    return run;
}

static int Ceil(int items) => Math.Max(1, (items + 999) / 1000);
static long Mb(long bytes) => bytes / (1024 * 1024);

internal sealed record ScenarioRun(string Scenario, int Messages, int Events, long Requests, long Bytes, int Minimum, double WallSeconds,
    long PeakWorkingSetBytes, long GcHeapBytes, long AllocatedBytes, long Items);

internal sealed record Goal(string Name, string Measured, bool Met);
