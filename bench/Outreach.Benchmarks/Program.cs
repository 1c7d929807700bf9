using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Outreach.Benchmarks;
using Outreach.Testing.Graph;

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
    await using var alone = await GraphLoopbackServer.StartAsync();
    alone.AddGenerated(new GeneratedMailbox(mailboxName, int.Parse(args[1], CultureInfo.InvariantCulture), 3000, 10_000, asOf));
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
// The shared loopback Graph server (tests/Outreach.Testing.Graph) serving generated mailboxes; counts only, no
// entry per request: a million requests must not grow the orchestrator.
await using var server = await GraphLoopbackServer.StartAsync();
server.Requests.KeepEntries = false;
server.MessageDelta.FilteredCap = settings.DeltaCap > 0 ? settings.DeltaCap : null;
var runs = new List<ScenarioRun>();
foreach (var size in settings.Sizes)
{
    var mailbox = new GeneratedMailbox(mailboxName, size, settings.Contacts, settings.Events, asOf, settings.Sparse);
    server.AddGenerated(mailbox);
    var minimum = Minimum(mailbox);
    var expected = IndependentEvaluation.Statuses(mailbox);
    var stateDir = Directory.CreateTempSubdirectory("outreach-bench-").FullName;
    try
    {
        // Paging only right before our full scan: the two are compared, so they share the machine's mood.
        if (settings.PagingSizes.Contains(size)) runs.Add(await RunAsync("paging-only", size, minimum, "paging", stateDir));
        runs.Add(await RunAsync("our-full", size, minimum, "our", stateDir, expected));
        runs.Add(await RunAsync("our-rerun", size, minimum, "our", stateDir, expected));
        if (settings.NaiveSizes.Contains(size)) runs.Add(await RunAsync("naive", size, minimum, "naive", stateDir));
    }
    finally
    {
        Directory.Delete(stateDir, recursive: true);
    }
}

// 2b. Real latency (issue 11): 150 ms a request and Outlook's per-mailbox limits. Our first scan runs to the
// end; the naive client is sampled for a bounded time and its total projected from its measured rate.
LatencyRun? latency = null;
if (settings.LatencyMessages > 0)
{
    var mailbox = new GeneratedMailbox(mailboxName, settings.LatencyMessages, settings.Contacts, settings.Events, asOf, settings.Sparse);
    server.AddGenerated(mailbox);
    server.ResponseDelay = TimeSpan.FromMilliseconds(settings.LatencyMs);
    server.Outlook.Enforce = true;
    var stateDir = Directory.CreateTempSubdirectory("outreach-bench-").FullName;
    try
    {
        var ours = await RunAsync("latency-our-full", settings.LatencyMessages, Minimum(mailbox), "our", stateDir, IndependentEvaluation.Statuses(mailbox));
        runs.Add(ours);
        var limitHits = server.Outlook.Throttled;
        var maxInFlight = server.Requests.MaxConcurrentAnyMailbox;
        var sample = await SampleNaiveAsync(settings.NaiveSampleSeconds);
        // Default page size 10 on /messages and /events: the requests the naive client needs are known from the mailbox.
        var needed = (long)Math.Ceiling((mailbox.InboxCount + mailbox.SentCount) / 10.0) + (long)Math.Ceiling(mailbox.EventCount / 10.0);
        var rate = sample.Requests / Math.Max(0.001, sample.Seconds);
        // Outlook's 10,000 requests per 10 minutes: whatever the client's own pace, request 10,001 waits for the window.
        var limitBound = (needed - 1) / OutlookLimits.RequestsPerWindow * OutlookLimits.Window.TotalSeconds;
        var projected = Math.Max(needed / rate, limitBound);
        latency = new LatencyRun(settings.LatencyMs, settings.LatencyMessages, ours.Requests, ours.WallSeconds, maxInFlight, limitHits,
            sample.Requests, sample.Seconds, rate, needed, needed / rate, limitBound, projected, projected / ours.WallSeconds, sample.MaxInFlight, sample.LimitThrottled);
        Console.Error.WriteLine($"  naive sampled {sample.Requests:N0} requests in {sample.Seconds:F1} s ({rate:F1}/s); needs {needed:N0} → projected {projected:F0} s = {projected / ours.WallSeconds:F1}× ours");
    }
    finally
    {
        server.ResponseDelay = TimeSpan.Zero;
        server.Outlook.Enforce = false;
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

// 3b. The tenant (issue 11): 1,000 mailboxes of 100 to 20,000 messages (a few of 100k) through the same
// pipeline, 150 ms a request, Outlook's per-mailbox limits enforced, 1 request in 10 throttled on top.
FanOut.Result? tenant = null;
if (settings.Storage is { } tenantStorage && settings.Tenant > 0)
{
    // Whatever the budget leaves, less two minutes for the report and a margin; at least 3 minutes.
    var timeout = TimeSpan.FromSeconds(Math.Max(180, (settings.Budget - total.Elapsed).TotalSeconds - 60));
    Console.Error.WriteLine($"tenant: {settings.Tenant} mailboxes ({settings.TenantMin:N0}–{settings.TenantMax:N0} messages, {settings.TenantLarge} of {settings.TenantLargeSize:N0}), {settings.LatencyMs} ms a request, Outlook limits, 1 request in {settings.ThrottleEvery} throttled; timeout {timeout.TotalSeconds:F0} s…");
    tenant = await FanOut.RunAsync(server, new FanOut.Options(tenantStorage, settings.Tenant, 0, 20, 40, 0, settings.ThrottleEvery,
        TimeSpan.FromMilliseconds(settings.LatencyMs), timeout, 0, settings.TenantSize, OutlookLimits: true, Sparse: settings.TenantSparse), asOf);
    var t = tenant.Tenant!;
    Console.Error.WriteLine($"  {tenant.Scans} scans: {tenant.Completed} completed, {tenant.Failed} failed, {tenant.Unfinished} unfinished, {tenant.Requests:N0} requests ({tenant.Throttled} throttled, {t.LimitThrottled} over limits), max {tenant.MaxInFlightPerMailbox} in flight / {t.MaxPerTenMinutesPerMailbox} per 10 min per mailbox, {tenant.WallSeconds:F1} s; storage {t.AppTableTransactions + t.AppQueueTransactions:N0} app + {t.HostQueueTransactions:N0} host transactions");
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

    var mailbox = new GeneratedMailbox(mailboxName, size, settings.Contacts, settings.Events, asOf, settings.Sparse);
    server.AddGenerated(mailbox);
    var stateDir = Directory.CreateTempSubdirectory("outreach-bench-").FullName;
    try
    {
        runs.Add(await RunAsync(scenario, size, Minimum(mailbox), scenario == "naive" ? "naive" : "paging", stateDir));
    }
    finally
    {
        Directory.Delete(stateDir, recursive: true);
    }
}

total.Stop();
var cost = tenant?.Tenant is { } figures ? Cost.Of(tenant, figures) : null;
var goals = Goals.Evaluate(runs, classification, fanOut, total.Elapsed, latency, tenant, cost, settings);
var chart = Path.Combine(settings.OutDir, "scan-cost.png");
Chart.Write(runs, chart);
var report = Report.Write(settings, runs, classification, fanOut, goals, skipped, total.Elapsed, latency, tenant, cost);
Console.WriteLine(report);
return goals.All(g => g.Met) ? 0 : 1;

async Task<ScenarioRun> RunAsync(string scenario, int size, int minimum, string kind, string stateDir, Dictionary<string, string>? expected = null)
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
    var run = new ScenarioRun(scenario, size, settings.Events, server.Requests.Count, server.Requests.Bytes, minimum, result.WallSeconds, result.CpuSeconds,
        result.PeakWorkingSetBytes, result.GcHeapBytes, result.AllocatedBytes, result.Items);
    if (expected is not null)
    {
        var statusesPath = Path.Combine(stateDir, Scenarios.StatusesFile);
        var actual = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(statusesPath))!;
        File.Delete(statusesPath);
        var (compared, mismatches, examples, byTransition) = IndependentEvaluation.Compare(expected, actual);
        run = run with
        {
            Compared = compared, Mismatches = mismatches,
            MismatchDetail = mismatches == 0 ? null : string.Join("; ", byTransition.OrderByDescending(p => p.Value).Take(4).Select(p => $"{p.Value} {p.Key}")) + " (e.g. " + string.Join("; ", examples) + ")",
            SparseFlagged = expected.Where(p => p.Key.StartsWith("sparse", StringComparison.Ordinal)).Count(p => p.Value == "flagged"),
        };
    }

    Console.Error.WriteLine($"  {run.Requests:N0} requests (minimum {minimum:N0}), {run.Bytes / 1e6:F1} MB, {run.WallSeconds:F1} s (CPU {run.CpuSeconds:F1} s), peak WS {Report.Mb(run.PeakWorkingSetBytes)} MB" +
        (run.Mismatches is { } m ? $", statuses: {m} of {run.Compared} differ from the independent evaluation" + (run.MismatchDetail is { } d ? $" — {d}" : "") : ""));
    return run;
}

// The naive client for a bounded time against the slow server: requests answered and the time they took,
// from the first request's arrival to the last response (the child's start-up excluded), then the child is stopped.
async Task<(long Requests, double Seconds, int MaxInFlight, long LimitThrottled)> SampleNaiveAsync(int seconds)
{
    Console.Error.WriteLine($"naive at {settings.LatencyMs} ms a request, sampled for {seconds} s…");
    server.ResetCounters();
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ScenarioRun).Assembly.Location);
    foreach (var a in new[] { "child", "naive", server.BaseUrl, Path.GetTempPath() }) start.ArgumentList.Add(a);
    using var child = Process.Start(start)!;
    var waited = Stopwatch.StartNew();
    while (server.Requests.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(30) && !child.HasExited) await Task.Delay(20);
    await Task.WhenAny(child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(seconds)));
    var requests = server.Requests.Count;
    var active = server.Requests.ActiveTime.TotalSeconds;
    if (!child.HasExited) child.Kill(entireProcessTree: true);
    await child.WaitForExitAsync();
    return (requests, active, server.Requests.MaxConcurrentAnyMailbox, server.Outlook.Throttled);
}

// The physical minimum (issue 11): ceil(window messages / 1000) per folder plus the calendar's pages, from the mailbox.
int Minimum(GeneratedMailbox mailbox)
{
    var since = asOf.AddDays(-new Outreach.Core.Policy.WarmthPolicyOptions().TextLookbackDays);
    var (inboxStart, inboxEnd) = mailbox.Range(true, since, true, null, false);
    var (sentStart, sentEnd) = mailbox.Range(false, since, true, null, false);
    return Ceil(inboxEnd - inboxStart) + Ceil(sentEnd - sentStart) + Ceil(mailbox.EventCount);
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
    double CpuSeconds, long PeakWorkingSetBytes, long GcHeapBytes, long AllocatedBytes, long Items,
    int? Compared = null, int? Mismatches = null, string? MismatchDetail = null, int? SparseFlagged = null);

/// <summary>Issue 11's real-latency run at one size: our first scan measured to the end, the naive client sampled and projected.</summary>
internal sealed record LatencyRun(int LatencyMs, int Messages, long OurRequests, double OurWallSeconds, int OurMaxInFlight, long OurLimitThrottled,
    long NaiveSampledRequests, double NaiveSampledSeconds, double NaiveRequestsPerSecond, long NaiveRequestsNeeded,
    double NaiveSecondsAtMeasuredRate, double NaiveSecondsLimitBound, double NaiveProjectedSeconds, double Speedup, int NaiveMaxInFlight, long NaiveLimitThrottled);
