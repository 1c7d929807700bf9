using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Outreach.Benchmarks;

// Issue 6 benchmark. Without a mode: the orchestrator (server, scenarios in child processes, fan-out, report).
// "classify": only the BenchmarkDotNet classification. "child": one scenario's client side, printing one JSON line. "serve": a debugging aid.
var camel = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
var asOf = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
const string mailboxName = "avery@northwind.example";

if (args.Length > 0 && args[0] == "child")
{
    var result = args[1] switch
    {
        "our" => await Scenarios.OurScanAsync(args[2], mailboxName, args[3], asOf),
        "paging" => await Scenarios.PagingOnlyAsync(args[2], mailboxName, asOf),
        _ => await Scenarios.NaiveAsync(args[2], mailboxName),
    };
    Console.WriteLine(JsonSerializer.Serialize(result, camel));
    return 0;
}

if (args.Length > 2 && args[0] == "chart")
{
    // Redraws the chart from a results.json: chart bench/results/results.json bench/results/scan-cost.png
    using var saved = JsonDocument.Parse(await File.ReadAllTextAsync(args[1]));
    Chart.Write(saved.RootElement.GetProperty("runs").Deserialize<List<ScenarioRun>>(camel)!, args[2]);
    return 0;
}

if (args.Length > 0 && args[0] == "classify")
{
    // Only the BenchmarkDotNet classification part, for quick iteration: classify [touchpoints] [contacts]
    var touchpoints = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    var contacts = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3000;
    var only = Classification.Run(touchpoints, contacts, asOf, Directory.CreateTempSubdirectory("outreach-bdn-").FullName);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"classification: mean {only.MeanSeconds * 1000:F1} ms ± {only.StdDevSeconds * 1000:F1} (min {only.MinSeconds * 1000:F1}, max {only.MaxSeconds * 1000:F1}) = {only.TouchpointsPerSecond / 1e6:F2}M touchpoints/s"));
    return 0;
}

if (args.Length > 0 && args[0] == "serve")
{
    await using var alone = await BenchGraphServer.StartAsync(new GeneratedMailbox(mailboxName, int.Parse(args[1], CultureInfo.InvariantCulture), 3000, 10_000, asOf));
    Console.WriteLine(alone.BaseUrl);
    Console.ReadLine();
    return 0;
}

var settings = BenchSettings.Parse(args);
Directory.CreateDirectory(settings.OutDir);
var total = Stopwatch.StartNew();

// 1. In-process classification first, while nothing else of ours runs.
Console.Error.WriteLine($"classification (BenchmarkDotNet): {settings.Classify:N0} touchpoints over {settings.Contacts:N0} contacts…");
var artifacts = Directory.CreateTempSubdirectory("outreach-bdn-").FullName;
var classification = Classification.Run(settings.Classify, settings.Contacts, asOf, artifacts);
Console.Error.WriteLine($"  mean {classification.MeanSeconds * 1000:F0} ms → {classification.TouchpointsPerSecond / 1e6:F2}M touchpoints/s");

// 2. Scan cost by mailbox size: our scan, its rerun, paging only, the naive baseline.
await using var server = await BenchGraphServer.StartAsync(new GeneratedMailbox(mailboxName, 0, settings.Contacts, 0, asOf));
var runs = new List<ScenarioRun>();
foreach (var size in settings.Sizes)
{
    var mailbox = new GeneratedMailbox(mailboxName, size, settings.Contacts, settings.Events, asOf);
    server.Mailbox = mailbox;
    var minimum = Ceil(mailbox.InboxCount) + Ceil(mailbox.SentCount) + Ceil(mailbox.EventCount);
    var stateDir = Directory.CreateTempSubdirectory("outreach-bench-").FullName;
    try
    {
        // Paging only right before our full scan: the two are compared, so they share the machine's mood.
        if (settings.PagingSizes.Contains(size)) runs.Add(await RunAsync("paging-only", size, minimum, "paging", stateDir));
        runs.Add(await RunAsync("our-full", size, minimum, "our", stateDir));
        runs.Add(await RunAsync("our-rerun", size, minimum, "our", stateDir));
        if (settings.NaiveSizes.Contains(size)) runs.Add(await RunAsync("naive", size, minimum, "naive", stateDir));
    }
    finally
    {
        Directory.Delete(stateDir, recursive: true);
    }
}

// 3. Fan-out through the pipeline against Azurite, with throttling.
FanOut.Result? fanOut = null;
if (settings.Storage is { } storage && settings.FanOutMailboxes > 0)
{
    Console.Error.WriteLine($"fan-out: {settings.FanOutMailboxes} mailboxes × {settings.FanOutMessages} messages through the pipeline, 1 request in {settings.ThrottleEvery} throttled…");
    fanOut = await FanOut.RunAsync(server, new FanOut.Options(storage, settings.FanOutMailboxes, settings.FanOutMessages, settings.FanOutEvents, 40,
        settings.FanOutPageSize, settings.ThrottleEvery, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(240), settings.FanOutOnDemand), asOf);
    Console.Error.WriteLine($"  {fanOut.Scans} scans: {fanOut.Completed} completed, {fanOut.Failed} failed, {fanOut.Requests:N0} requests ({fanOut.Throttled} throttled), max {fanOut.MaxInFlightPerMailbox} in flight per mailbox, {fanOut.WallSeconds:F1} s");
}
else
{
    Console.Error.WriteLine("fan-out: skipped (no storage: set OUTREACH_TEST_STORAGE, or run bench/run.sh, which starts Azurite)");
}

// 4. Extras that fit the budget: paging only and the naive baseline at the largest sizes. Each runs only when
// its projected time (from what this run measured) leaves the budget intact; otherwise the report says why not.
var skipped = new List<string>();
foreach (var (scenario, size) in settings.Extras)
{
    if (runs.Any(r => r.Scenario == scenario && r.Messages == size)) continue;
    var projected = Project(scenario, size);
    var left = settings.Budget - total.Elapsed;
    if (projected is null || projected > left)
    {
        var note = projected is null
            ? $"{scenario} at {size:N0} messages: not run, nothing measured to project its time from"
            : $"{scenario} at {size:N0} messages: not run, projected {projected.Value.TotalSeconds:F0} s after {total.Elapsed.TotalSeconds:F0} s of the {settings.Budget.TotalSeconds:F0} s budget";
        skipped.Add(note);
        Console.Error.WriteLine(note);
        continue;
    }

    var mailbox = new GeneratedMailbox(mailboxName, size, settings.Contacts, settings.Events, asOf);
    server.Mailbox = mailbox;
    var stateDir = Directory.CreateTempSubdirectory("outreach-bench-").FullName;
    try
    {
        runs.Add(await RunAsync(scenario, size, Ceil(mailbox.InboxCount) + Ceil(mailbox.SentCount) + Ceil(mailbox.EventCount), scenario == "naive" ? "naive" : "paging", stateDir));
    }
    finally
    {
        Directory.Delete(stateDir, recursive: true);
    }
}

total.Stop();
var goals = Goals.Evaluate(runs, classification, fanOut, total.Elapsed);
var chart = Path.Combine(settings.OutDir, "scan-cost.png");
Chart.Write(runs, chart);
var report = Report.Write(settings, runs, classification, fanOut, goals, skipped, total.Elapsed);
Console.WriteLine(report);
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
    var result = JsonSerializer.Deserialize<ChildResult>(output.Trim().Split('\n')[^1], camel)!;
    var run = new ScenarioRun(scenario, size, settings.Events, server.Requests, server.Bytes, minimum, result.WallSeconds, result.CpuSeconds,
        result.PeakWorkingSetBytes, result.GcHeapBytes, result.AllocatedBytes, result.Items);
    Console.Error.WriteLine($"  {run.Requests:N0} requests, {run.Bytes / 1e6:F1} MB, {run.WallSeconds:F1} s (CPU {run.CpuSeconds:F1} s), peak WS {Report.Mb(run.PeakWorkingSetBytes)} MB");
    return run;
}

// Paging only costs at most our full scan of that size; the naive baseline grows linearly from its largest measured size.
TimeSpan? Project(string scenario, int size)
{
    var basis = scenario == "paging-only"
        ? runs.FirstOrDefault(r => r.Scenario == "our-full" && r.Messages == size) is { } full ? full.WallSeconds : (double?)null
        : runs.Where(r => r.Scenario == scenario).MaxBy(r => r.Messages) is { } largest ? largest.WallSeconds * size / largest.Messages : null;
    return basis is { } seconds ? TimeSpan.FromSeconds(seconds * 1.1 + 5) : null;
}

static int Ceil(int items) => Math.Max(1, (items + 999) / 1000);

internal sealed record ScenarioRun(string Scenario, int Messages, int Events, long Requests, long Bytes, int Minimum, double WallSeconds,
    double CpuSeconds, long PeakWorkingSetBytes, long GcHeapBytes, long AllocatedBytes, long Items);
