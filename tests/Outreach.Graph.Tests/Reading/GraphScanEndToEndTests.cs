using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph.Sample;
using Outreach.Graph.Tests.Support;
using Outreach.Storage.Files.State;

namespace Outreach.Graph.Tests.Reading;

/// <summary>
/// The whole scan through Graph: the sample mailbox served by the loopback server, read by the real SDK,
/// must give the same statuses as the in-process sample; the second run must cost one request per feed.
/// </summary>
public sealed class GraphScanEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "outreach-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_stateDir)) Directory.Delete(_stateDir, recursive: true);
    }

    private static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Sample", "sample-mailbox.json");

    private MailboxScanner Scanner(IMailboxReader reader, string stateDir) => new(
        reader,
        new FileMailboxStateStore(stateDir),
        Options.Create(new WarmthPolicyOptions()),
        Options.Create(new ScanOptions()),
        TimeProvider.System,
        NullLogger<MailboxScanner>.Instance);

    private static ScanRequest Request(SampleMailbox sample) =>
        new(sample.Mailbox, AsOf) { InternalDomains = sample.InternalDomains, DoNotContact = sample.DoNotContact };

    [Fact]
    public async Task Graph_and_the_bundled_sample_agree_and_the_rerun_is_incremental()
    {
        await using var graph = await GraphFixture.StartAsync(o => o.PageSize = 25);
        var sample = SampleMailbox.Load(File.OpenRead(SamplePath));
        graph.Server.LoadSample((JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(SamplePath, TestContext.Current.CancellationToken))!, AsOf);
        var ct = TestContext.Current.CancellationToken;

        var viaGraph = await Scanner(graph.Reader, _stateDir).ScanAsync(Request(sample), null, ct);
        var firstRunRequests = graph.Server.Requests.Count;
        var inProcess = await Scanner(new SampleMailboxReader(sample, AsOf), _stateDir + "-sample").ScanAsync(Request(sample), null, ct);

        Assert.Equal(
            inProcess.Contacts.Select(c => (c.Email, c.Status, c.Sent, c.Received, c.Score)),
            viaGraph.Contacts.Select(c => (c.Email, c.Status, c.Sent, c.Received, c.Score)));
        Assert.Contains(viaGraph.Contacts, c => c.Status == ContactStatus.Flagged);
        Assert.Equal(viaGraph.Statistics.Pages, firstRunRequests);

        graph.Server.Requests.Clear();
        var rerun = await Scanner(graph.Reader, _stateDir).ScanAsync(Request(sample), null, ct);

        Assert.Equal(3, graph.Server.Requests.Count);
        Assert.True(rerun.Statistics.Incremental);
        Assert.Equal(viaGraph.Contacts.Select(c => (c.Email, c.Status)), rerun.Contacts.Select(c => (c.Email, c.Status)));
        Directory.Delete(_stateDir + "-sample", recursive: true);
    }

    [Fact]
    public async Task A_new_reply_after_the_first_scan_changes_the_contact_on_the_next()
    {
        await using var graph = await GraphFixture.StartAsync();
        var mailbox = graph.Server.Mailbox(GraphFixture.Mailbox);
        mailbox.AddMessage("inbox", GraphFixture.Message("i1", "dana@fabrikam.com", AsOf.AddDays(-30)));
        mailbox.AddMessage("inbox", GraphFixture.Message("i2", "dana@fabrikam.com", AsOf.AddDays(-20)));
        var request = new ScanRequest(GraphFixture.Mailbox, AsOf);
        var ct = TestContext.Current.CancellationToken;

        var before = await Scanner(graph.Reader, _stateDir).ScanAsync(request, null, ct);
        var sent = GraphFixture.Message("s1", GraphFixture.Mailbox, AsOf.AddDays(-1), to: "Dana@Fabrikam.com");
        mailbox.AddMessage("sentitems", sent);
        var after = await Scanner(graph.Reader, _stateDir).ScanAsync(request, null, ct);

        Assert.Equal(ContactStatus.Excluded, before.Contacts.Single().Status); // the fixture's messages carry Precedence: bulk
        Assert.Equal((1, 2), (after.Contacts.Single().Sent, after.Contacts.Single().Received));
    }
}
