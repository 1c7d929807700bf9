using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Pipeline;

/// <summary>
/// Timer → harvest → evaluate → GET contacts, with the function classes driven by a host-like pump over
/// real Azurite queues and tables, reading mailboxes from the loopback Graph server through the real SDK.
/// One class: the tests share the pipeline's queues, so they run one after another.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class PipelineEndToEndTests
{
    private static readonly JsonElement Expectations = LoadExpectations();

    private static JsonElement LoadExpectations()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Sample", "sample-expectations.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    /// <summary>
    /// The flagged contacts of a mail-and-calendar scan (the pipeline's default sources, no imports): a contact the
    /// sample flags only through Teams or its LinkedIn export says so in "mailCalendarStatus" (issue 13).
    /// </summary>
    private static HashSet<string> ExpectedFlagged() =>
        [.. Expectations.GetProperty("contacts").EnumerateArray()
            .Where(c => (c.TryGetProperty("mailCalendarStatus", out var only) ? only : c.GetProperty("status")).GetString() == "flagged")
            .Select(c => c.GetProperty("email").GetString()!)];

    /// <summary>The sample's own policy (its do-not-contact list and extra internal domain) as app settings.</summary>
    private static Dictionary<string, string?> SamplePolicy()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sample", "sample-mailbox.json")))!;
        var settings = new Dictionary<string, string?>();
        var i = 0;
        foreach (var entry in sample["policy"]!["doNotContact"]!.AsArray()) settings[$"Outreach:Policy:DoNotContact:{i++}"] = (string?)entry;
        i = 0;
        foreach (var entry in sample["policy"]!["internalDomains"]!.AsArray()) settings[$"Outreach:Policy:InternalDomains:{i++}"] = (string?)entry;
        return settings;
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static async Task<HashSet<string>> FlaggedAsync(PipelineHarness harness, string mailbox)
    {
        var result = await harness.Get<GetContactsFunction>().RunAsync(
            ActionResults.Request(method: "GET", query: "?status=flagged"), mailbox, TestContext.Current.CancellationToken);
        var json = await ActionResults.JsonAsync(result);
        return [.. json.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("email").GetString()!)];
    }

    private static async Task<JsonElement> ScanAsync(PipelineHarness harness, string scanId) =>
        await ActionResults.JsonAsync(await harness.Get<GetScanFunction>().RunAsync(
            ActionResults.Request(method: "GET"), scanId, TestContext.Current.CancellationToken));

    private static async Task<Dictionary<string, ScanRecord>> LatestScansAsync(PipelineHarness harness, IEnumerable<string> scanIds)
    {
        var store = harness.Get<IScanRecordStore>();
        var records = new Dictionary<string, ScanRecord>();
        foreach (var id in scanIds)
        {
            var record = await store.GetAsync(id, TestContext.Current.CancellationToken);
            records[record!.Mailbox] = record;
        }

        return records;
    }

    [Fact]
    public async Task Weekly_run_scans_every_mailbox_and_the_second_run_is_incremental()
    {
        var sampleOwner = Unique("avery");
        var smallOwner = Unique("blake");
        var refused = Unique("casey");
        var unknown = Unique("devon");
        await using var harness = await PipelineHarness.StartAsync([sampleOwner, smallOwner, refused, unknown], SamplePolicy());
        await harness.LoadSampleAsAsync(sampleOwner);
        SmallMailbox.Load(harness.Graph.Mailbox(smallOwner), PipelineHarness.AsOf);
        harness.Graph.Mailbox(refused);
        harness.Graph.Faults.Fail(refused, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

        await harness.RunWeeklyAsync();
        var firstScanIds = (await harness.PeekAllAsync(QueueNames.Harvest)).Select(m => JsonDocument.Parse(m).RootElement.GetProperty("scanId").GetString()!).ToList();
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        var first = await LatestScansAsync(harness, firstScanIds);

        Assert.Equal(4, first.Count);
        Assert.Equal(ScanState.Completed, first[sampleOwner].State);
        Assert.Equal(ScanState.Completed, first[smallOwner].State);
        Assert.Equal(ScanState.Failed, first[refused].State);
        Assert.Contains("Mail.Read", first[refused].FailureReason, StringComparison.Ordinal);
        Assert.Equal(ScanState.Failed, first[unknown].State);
        Assert.Contains("No mailbox was found", first[unknown].FailureReason, StringComparison.Ordinal);
        Assert.Equal(ExpectedFlagged(), await FlaggedAsync(harness, sampleOwner));
        Assert.Equal(SmallMailbox.Flagged, await FlaggedAsync(harness, smallOwner));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Harvest)));

        harness.Graph.Requests.Clear();
        await harness.RunWeeklyAsync();
        var secondScanIds = (await harness.PeekAllAsync(QueueNames.Harvest)).Select(m => JsonDocument.Parse(m).RootElement.GetProperty("scanId").GetString()!).ToList();
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        var second = await LatestScansAsync(harness, secondScanIds);

        Assert.True(second[sampleOwner].Incremental);
        Assert.Equal(3, second[sampleOwner].GraphRequests);
        Assert.True(second[sampleOwner].GraphRequests < first[sampleOwner].GraphRequests);
        Assert.Equal(3, harness.Graph.Requests.CountFor(sampleOwner));
        Assert.Equal(ExpectedFlagged(), await FlaggedAsync(harness, sampleOwner));

        var scan = await ScanAsync(harness, second[sampleOwner].ScanId);
        Assert.Equal("completed", scan.GetProperty("state").GetString());
        Assert.Equal(ExpectedFlagged().Count, scan.GetProperty("counts").GetProperty("flagged").GetInt32());

        TestContext.Current.SendDiagnosticMessage(
            $"Graph requests for the sample mailbox: first run {first[sampleOwner].GraphRequests}, second run {second[sampleOwner].GraphRequests}; small mailbox: {first[smallOwner].GraphRequests} then {second[smallOwner].GraphRequests}");
    }

    [Fact]
    public async Task On_demand_scan_over_http_reports_queued_then_completed()
    {
        var owner = Unique("erin");
        await using var harness = await PipelineHarness.StartAsync([owner], SamplePolicy());
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);

        var accepted = await harness.Get<StartScanFunction>().RunAsync(ActionResults.Request($$"""{"mailbox":"{{owner}}"}"""), TestContext.Current.CancellationToken);
        var (status, _, body, headers) = await ActionResults.ExecuteAsync(accepted);
        var scanId = JsonDocument.Parse(body).RootElement.GetProperty("scans")[0].GetProperty("scanId").GetString()!;

        Assert.Equal(202, status);
        Assert.Equal($"/api/scans/{scanId}", headers.Location.ToString());
        Assert.Equal("queued", (await ScanAsync(harness, scanId)).GetProperty("state").GetString());

        await harness.PumpAsync(TestContext.Current.CancellationToken);

        var done = await ScanAsync(harness, scanId);
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(SmallMailbox.Flagged, await FlaggedAsync(harness, owner));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_changes_nothing()
    {
        var owner = Unique("frank");
        await using var harness = await PipelineHarness.StartAsync([owner], SamplePolicy());
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        var harvest = (await harness.PeekAllAsync(QueueNames.Harvest)).Single();
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        var before = await FlaggedAsync(harness, owner);
        var requests = harness.Graph.Requests.CountFor(owner);

        await harness.Queue(QueueNames.Harvest).SendMessageAsync(harvest, TestContext.Current.CancellationToken);
        await harness.PumpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(requests, harness.Graph.Requests.CountFor(owner));
        Assert.Equal(before, await FlaggedAsync(harness, owner));
        Assert.Empty(await harness.PeekAllAsync(QueueNames.Evaluate));
    }

    [Fact]
    public async Task A_malformed_message_goes_to_poison_with_a_reason_and_blocks_nothing()
    {
        var owner = Unique("gale");
        await using var harness = await PipelineHarness.StartAsync([owner], SamplePolicy());
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        await harness.Queue(QueueNames.Harvest).SendMessageAsync("{ this is not json", TestContext.Current.CancellationToken);
        await harness.Queue(QueueNames.Evaluate).SendMessageAsync("""{"v":9,"scanId":"x","mailbox":"a@b.com","asOf":"2026-01-01T00:00:00Z"}""", TestContext.Current.CancellationToken);
        await harness.RunWeeklyAsync();

        await harness.PumpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["{ this is not json"], await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Harvest)));
        Assert.Single(await harness.PeekAllAsync(QueueNames.PoisonOf(QueueNames.Evaluate)));
        Assert.Equal(SmallMailbox.Flagged, await FlaggedAsync(harness, owner));
    }

    [Fact]
    public async Task A_harvest_that_crashes_half_way_resumes_without_losing_or_double_counting()
    {
        var crashed = Unique("hana");
        var clean = Unique("ivan");
        // Both enrolled; only the crashed one is queued first (as the weekly run would), the clean one later over HTTP.
        await using var harness = await PipelineHarness.StartAsync([crashed, clean], SamplePolicy());
        await harness.LoadSampleAsAsync(crashed);
        await harness.LoadSampleAsAsync(clean);
        await harness.Get<ScanPipeline>().StartAsync([crashed], "timer", TestContext.Current.CancellationToken);

        // The host stops the function (timeout, scale-in) after a few pages: its token is cancelled.
        using var crash = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (harness.Graph.Requests.CountFor(crashed) < 4) await Task.Delay(2, TestContext.Current.CancellationToken);
            await crash.CancelAsync();
        }, TestContext.Current.CancellationToken);
        await harness.PumpAsync(crash.Token, stopAfter: 1);
        await watcher;
        var requestsBeforeResume = harness.Graph.Requests.CountFor(crashed);
        Assert.Single(await harness.PeekAllAsync(QueueNames.Harvest));

        await harness.PumpAsync(TestContext.Current.CancellationToken);

        var accepted = await harness.Get<StartScanFunction>().RunAsync(ActionResults.Request($$"""{"mailbox":"{{clean}}"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(202, (await ActionResults.ExecuteAsync(accepted)).Status);
        await harness.PumpAsync(TestContext.Current.CancellationToken);

        var resumed = await harness.Get<IContactResultStore>().ListAsync(crashed, null, TestContext.Current.CancellationToken);
        var reference = await harness.Get<IContactResultStore>().ListAsync(clean, null, TestContext.Current.CancellationToken);
        Assert.Equal(
            reference.Select(c => (c.Email, c.Status, c.Sent, c.Received, c.Score)),
            resumed.Select(c => (c.Email, c.Status, c.Sent, c.Received, c.Score)));
        Assert.True(requestsBeforeResume >= 4);
        Assert.Equal(ExpectedFlagged(), resumed.Where(c => c.Status == ContactStatus.Flagged).Select(c => c.Email!).ToHashSet());
    }
}
