using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph.Reading;
using Outreach.Graph.Tests.Support;
using Outreach.Storage.Files.State;
using Outreach.Testing.Graph;
using static Outreach.Graph.Tests.Support.GraphFixture;

namespace Outreach.Graph.Tests.Reading;

/// <summary>
/// One loopback server with the capped mailbox, filled once for the whole class (filling and the cap-off baseline
/// scan are most of these tests' time), and the baseline scan with the cap off, run once on first use. The tests of
/// a class run one at a time, so they may change the server's cap settings in turn.
/// </summary>
public sealed class CappedMailboxFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _baselineDir = Path.Combine(Path.GetTempPath(), "outreach-cap-base-" + Guid.NewGuid().ToString("N"));
    private ScanResult? _uncapped;

    internal GraphFixture Graph { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Graph = await StartAsync();
        GraphCappedMailboxScanTests.Fill(Graph.Server.Mailbox(Mailbox));
    }

    /// <summary>Every contact's answer with the cap off: what the capped scans must match.</summary>
    internal async Task<ScanResult> UncappedAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_uncapped is null)
            {
                var (cap, choice) = (Graph.Server.MessageDelta.FilteredCap, Graph.Server.MessageDelta.Choice);
                Graph.Server.MessageDelta.FilteredCap = null;
                _uncapped = await GraphCappedMailboxScanTests.Scanner(Graph.Reader, _baselineDir)
                    .ScanAsync(new ScanRequest(Mailbox, GraphCappedMailboxScanTests.AsOf), null, TestContext.Current.CancellationToken);
                (Graph.Server.MessageDelta.FilteredCap, Graph.Server.MessageDelta.Choice) = (cap, choice);
            }

            return _uncapped;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _gate.Dispose();
        if (Directory.Exists(_baselineDir)) Directory.Delete(_baselineDir, recursive: true);
        await Graph.DisposeAsync();
    }
}

/// <summary>
/// Issue 11: Graph's filtered message delta "returns only up to 5,000 messages". A mailbox with more than that in
/// each folder's text window, and contacts whose deciding reply is older than the newest 5,000, must get the same
/// statuses with the cap on as with it off, whichever 5,000 the server would have kept.
/// </summary>
public sealed class GraphCappedMailboxScanTests(CappedMailboxFixture fixture) : IClassFixture<CappedMailboxFixture>, IDisposable
{
    // Just above the cap in each folder: enough that the newest 5,000 leave out the sparse replies and some sent mail.
    private const int InboxBulk = 5150;
    private const int SentBulk = 5080;
    private const int Sparse = 12;
    internal static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "outreach-cap-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_stateDir)) Directory.Delete(_stateDir, recursive: true);
    }

    internal static MailboxScanner Scanner(IMailboxReader reader, string stateDir) => new(
        reader,
        new FileMailboxStateStore(stateDir),
        Options.Create(new WarmthPolicyOptions()),
        Options.Create(new ScanOptions()),
        TimeProvider.System,
        NullLogger<MailboxScanner>.Instance);

    private static string SparseContact(int i) => $"sparse{i}@contoso.com";

    /// <summary>
    /// Bulk newsletters fill the Inbox and sent bulk fills Sent Items over 175 days of the 180-day window (so the
    /// Inbox's newest 5,000 reach back only ~170 days). Each sparse contact got two recent mails from the owner and
    /// replied once 171–175 days ago: 3 touchpoints both ways, flagged only if the old reply is read.
    /// </summary>
    internal static void Fill(FakeMailbox mailbox)
    {
        var span = TimeSpan.FromDays(175);
        for (var i = 0; i < InboxBulk; i++)
        {
            mailbox.AddMessage("inbox", Message($"in-{i}", $"news{i % 40}@lists.example.com", AsOf - span * i / InboxBulk));
        }

        for (var i = 0; i < SentBulk; i++)
        {
            mailbox.AddMessage("sentitems", Message($"out-{i}", Mailbox, AsOf - span * i / SentBulk, to: $"one-off{i}@example.org"));
        }

        for (var i = 0; i < Sparse; i++)
        {
            var reply = Message($"reply-{i}", SparseContact(i), AsOf.AddDays(-171 - (i * 4.0 / Sparse)), conversation: $"sparse-{i}");
            reply.Remove("internetMessageHeaders"); // a person, not a list
            mailbox.AddMessage("inbox", reply);
            mailbox.AddMessage("sentitems", Message($"ask-{i}-a", Mailbox, AsOf.AddDays(-30 - i), to: SparseContact(i), conversation: $"sparse-{i}"));
            mailbox.AddMessage("sentitems", Message($"ask-{i}-b", Mailbox, AsOf.AddDays(-10 - i), to: SparseContact(i), conversation: $"sparse-{i}"));
        }
    }

    [Theory]
    [InlineData(DeltaCapChoice.Newest)]
    [InlineData(DeltaCapChoice.Scattered)]
    public async Task Contacts_whose_reply_is_older_than_the_newest_5000_are_flagged_with_the_cap_on(DeltaCapChoice choice)
    {
        var graph = fixture.Graph;
        var uncapped = await fixture.UncappedAsync();
        graph.Server.MessageDelta.FilteredCap = MessageDeltaLimits.GraphFilteredCap;
        graph.Server.MessageDelta.Choice = choice;
        graph.Server.Requests.Clear();
        var capped = await Scanner(graph.Reader, _stateDir).ScanAsync(new ScanRequest(Mailbox, AsOf), null, TestContext.Current.CancellationToken);
        var requests = graph.Server.Requests.Count;

        // Explicit: every sparse contact is flagged, with its one reply counted.
        for (var i = 0; i < Sparse; i++)
        {
            var contact = capped.Contacts.Single(c => c.Email == SparseContact(i));
            Assert.Equal((ContactStatus.Flagged, 2, 1), (contact.Status, contact.Sent, contact.Received));
        }

        // And the same as the cap off, for every contact.
        Assert.Equal(
            uncapped.Contacts.Select(c => (c.Email, c.Status, c.Sent, c.Received)),
            capped.Contacts.Select(c => (c.Email, c.Status, c.Sent, c.Received)));
        Assert.False(capped.Statistics.Incomplete);

        // Near the minimum: ceil(window / 1,000) list pages per folder, one delta page each, one calendar page.
        var inbox = (InboxBulk + Sparse + 999) / 1000;
        var sent = (SentBulk + (2 * Sparse) + 999) / 1000;
        Assert.Equal(inbox + 1 + sent + 1 + 1, requests);
        Assert.Equal(requests, capped.Statistics.Pages);

        // The second run is incremental: one request per feed.
        graph.Server.Requests.Clear();
        var rerun = await Scanner(graph.Reader, _stateDir).ScanAsync(new ScanRequest(Mailbox, AsOf), null, TestContext.Current.CancellationToken);
        Assert.True(rerun.Statistics.Incremental);
        Assert.InRange(graph.Server.Requests.Count, 3, 6);
        Assert.Equal(capped.Contacts.Select(c => (c.Email, c.Status)), rerun.Contacts.Select(c => (c.Email, c.Status)));
    }

    [Fact]
    public async Task A_list_interrupted_half_way_resumes_from_its_cursor_and_counts_nothing_twice()
    {
        var graph = fixture.Graph;
        var reader = new GraphMailboxReader(graph.Client, Options.Create(new GraphOptions
        {
            BaseUrl = graph.Options.BaseUrl, AccessToken = graph.Options.AccessToken, RetryDelaySeconds = 0, MaxRetries = 3, ListPageSize = 500,
        }));
        var since = AsOf.AddDays(-180);
        var ct = TestContext.Current.CancellationToken;

        // Stop after three list pages, as a crash would, and resume from the last page's cursor.
        var firstPages = new List<ChangePage<MailMessageRecord>>();
        await foreach (var page in reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, since, ct))
        {
            firstPages.Add(page);
            if (firstPages.Count == 3) break;
        }

        graph.Server.Requests.Clear();
        var rest = await AllAsync(reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, firstPages[^1].Cursor, since, ct));

        var ids = firstPages.Concat(rest).SelectMany(p => p.Items).Select(m => m.Id).ToList();
        Assert.Equal(InboxBulk + Sparse, ids.Distinct().Count());
        Assert.Equal((InboxBulk + Sparse + 499) / 500 - 3 + 1, graph.Server.Requests.Count); // the remaining list pages + the delta
        Assert.True(rest[^1].IsFinal);
        Assert.Contains("$deltatoken=", rest[^1].Cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_cap_really_drops_old_replies_from_a_filtered_delta()
    {
        // The premise of this file: a single filtered delta over the window (the old design) misses the replies.
        var graph = fixture.Graph;
        graph.Server.MessageDelta.FilteredCap = MessageDeltaLimits.GraphFilteredCap;
        graph.Server.MessageDelta.Choice = DeltaCapChoice.Newest;
        var delta = graph.Client.Users[Mailbox].MailFolders["inbox"].Messages.Delta;
        var ids = new HashSet<string>();
        var response = await delta.GetAsDeltaGetResponseAsync(r =>
        {
            r.QueryParameters.Filter = "receivedDateTime ge " + AsOf.AddDays(-180).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            r.QueryParameters.Select = ["id"];
            r.Headers.Add("Prefer", "odata.maxpagesize=1000");
        }, TestContext.Current.CancellationToken);
        while (true)
        {
            foreach (var m in response!.Value!) ids.Add(m.Id!);
            if (response.OdataNextLink is not { } next) break;
            response = await delta.WithUrl(next).GetAsDeltaGetResponseAsync(cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.Equal(MessageDeltaLimits.GraphFilteredCap, ids.Count);
        Assert.DoesNotContain(ids, id => id.StartsWith("reply-", StringComparison.Ordinal));
    }
}
