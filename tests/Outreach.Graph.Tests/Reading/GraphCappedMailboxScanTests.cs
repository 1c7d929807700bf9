using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph.Tests.Support;
using Outreach.Testing.Graph;
using static Outreach.Graph.Tests.Support.GraphFixture;

namespace Outreach.Graph.Tests.Reading;

/// <summary>
/// Issue 11: Graph's filtered message delta "returns only up to 5,000 messages". A mailbox with more than that in
/// each folder's text window, and contacts whose deciding reply is older than the newest 5,000, must get the same
/// statuses with the cap on as with it off, whichever 5,000 the server would have kept.
/// </summary>
public sealed class GraphCappedMailboxScanTests : IDisposable
{
    private const int InboxBulk = 5600;
    private const int SentBulk = 5300;
    private const int Sparse = 12;
    private static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "outreach-cap-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), Path.GetFileName(_stateDir) + "*")) Directory.Delete(dir, recursive: true);
    }

    private static MailboxScanner Scanner(IMailboxReader reader, string stateDir) => new(
        reader,
        new FileMailboxStateStore(stateDir),
        Options.Create(new WarmthPolicyOptions()),
        Options.Create(new ScanOptions()),
        TimeProvider.System,
        NullLogger<MailboxScanner>.Instance);

    private static string SparseContact(int i) => $"sparse{i}@contoso.com";

    /// <summary>
    /// Bulk newsletters fill the Inbox and sent bulk fills Sent Items over 175 days of the 180-day window (so the
    /// newest 5,000 reach back only ~156 days). Each sparse contact got two recent mails from the owner and replied
    /// once 160–175 days ago: 3 touchpoints both ways, flagged only if the old reply is read.
    /// </summary>
    private static void Fill(FakeMailbox mailbox)
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
            var reply = Message($"reply-{i}", SparseContact(i), AsOf.AddDays(-160 - (i * 15 / Sparse)), conversation: $"sparse-{i}");
            reply.Remove("internetMessageHeaders"); // a person, not a list
            mailbox.AddMessage("inbox", reply);
            mailbox.AddMessage("sentitems", Message($"ask-{i}-a", Mailbox, AsOf.AddDays(-30 - i), to: SparseContact(i), conversation: $"sparse-{i}"));
            mailbox.AddMessage("sentitems", Message($"ask-{i}-b", Mailbox, AsOf.AddDays(-10 - i), to: SparseContact(i), conversation: $"sparse-{i}"));
        }
    }

    private async Task<(ScanResult Result, int Requests, GraphFixture Graph)> ScanAsync(int? cap, DeltaCapChoice choice, string stateDir)
    {
        var graph = await StartAsync();
        graph.Server.MessageDelta.FilteredCap = cap;
        graph.Server.MessageDelta.Choice = choice;
        Fill(graph.Server.Mailbox(Mailbox));
        var result = await Scanner(graph.Reader, stateDir).ScanAsync(new ScanRequest(Mailbox, AsOf), null, TestContext.Current.CancellationToken);
        return (result, graph.Server.Requests.Count, graph);
    }

    [Theory]
    [InlineData(DeltaCapChoice.Newest)]
    [InlineData(DeltaCapChoice.Scattered)]
    public async Task Contacts_whose_reply_is_older_than_the_newest_5000_are_flagged_with_the_cap_on(DeltaCapChoice choice)
    {
        var (capped, requests, graph) = await ScanAsync(MessageDeltaLimits.GraphFilteredCap, choice, _stateDir);
        await using var _ = graph;
        var (uncapped, _, uncappedGraph) = await ScanAsync(cap: null, choice, _stateDir + "-off");
        await using var __ = uncappedGraph;

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
        await using var graph = await StartAsync(o => o.ListPageSize = 500);
        Fill(graph.Server.Mailbox(Mailbox));
        var since = AsOf.AddDays(-180);
        var ct = TestContext.Current.CancellationToken;

        // Stop after three list pages, as a crash would, and resume from the last page's cursor.
        var firstPages = new List<ChangePage<MailMessageRecord>>();
        await foreach (var page in graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, since, ct))
        {
            firstPages.Add(page);
            if (firstPages.Count == 3) break;
        }

        graph.Server.Requests.Clear();
        var rest = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, firstPages[^1].Cursor, since, ct));

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
        await using var graph = await StartAsync();
        Fill(graph.Server.Mailbox(Mailbox));
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
