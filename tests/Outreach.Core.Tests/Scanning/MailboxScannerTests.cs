using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using Outreach.Storage.Files.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Scanning;

public sealed class MailboxScannerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-tests-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedMailboxReader _reader = new();
    private readonly FakeTimeProvider _time = new(AsOf);

    public MailboxScannerTests()
    {
        _reader.Add(MailFolderKind.Inbox, Received("dana@fabrikam.com", 20, "t"), Received("dana@fabrikam.com", 5, "t"), Received("lee@contoso.com", 3));
        _reader.Add(MailFolderKind.SentItems, Sent("dana@fabrikam.com", 10, "t"), Sent("lee@contoso.com", 2));
        _reader.Add(Meeting("lee@contoso.com", -40));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private FileMailboxStateStore Store => new(_directory);

    private MailboxScanner Scanner(IMailboxStateStore? store = null, TimeSpan? checkpoint = null) => new(
        _reader,
        store ?? Store,
        Options.Create(new WarmthPolicyOptions()),
        Options.Create(new ScanOptions { CheckpointInterval = checkpoint ?? TimeSpan.Zero }),
        _time,
        NullLogger<MailboxScanner>.Instance);

    private static Dictionary<string, ContactStatus> Statuses(ScanResult result) =>
        result.Contacts.ToDictionary(c => c.Email, c => c.Status);

    [Fact]
    public async Task A_full_scan_reads_every_page_and_ranks_the_contacts()
    {
        var result = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.Equal(ContactStatus.Flagged, Statuses(result)["dana@fabrikam.com"]);
        Assert.Equal(ContactStatus.Met, Statuses(result)["lee@contoso.com"]);
        Assert.False(result.Statistics.Incremental);
        Assert.Equal((5, 1), (result.Statistics.Messages, result.Statistics.Events));
    }

    [Fact]
    public async Task A_second_run_continues_from_the_stored_cursors_and_gives_the_same_statuses()
    {
        var first = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);
        _reader.CursorsAsked.Clear();

        var second = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.True(second.Statistics.Incremental);
        Assert.All(_reader.CursorsAsked, c => Assert.Contains(":delta:", c, StringComparison.Ordinal));
        Assert.Equal(3, second.Statistics.Pages);
        Assert.Equal(Statuses(first), Statuses(second));
        Assert.Equal(first.Contacts.Select(c => (c.Sent, c.Received)), second.Contacts.Select(c => (c.Sent, c.Received)));
    }

    [Fact]
    public async Task New_mail_is_picked_up_incrementally()
    {
        await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);
        _reader.Add(MailFolderKind.Inbox, Received("lee@contoso.com", 1));

        var second = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.Equal(1, second.Statistics.Messages);
        Assert.Equal(2, second.Contacts.Single(c => c.Email == "lee@contoso.com").Received);
    }

    [Fact]
    public async Task A_crashed_scan_resumes_where_it_stopped_without_counting_twice()
    {
        _reader.PageSize = 1;
        _reader.FailAfterPages = 3;
        await Assert.ThrowsAsync<IOException>(() => Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken));
        var checkpoint = await Store.LoadAsync(Owner, TestContext.Current.CancellationToken);
        Assert.NotNull(checkpoint);
        Assert.NotEmpty(checkpoint.Cursors);

        _reader.FailAfterPages = null;
        _reader.CursorsAsked.Clear();
        var resumed = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.Contains(_reader.CursorsAsked, c => c is not null);
        var dana = resumed.Contacts.Single(c => c.Email == "dana@fabrikam.com");
        Assert.Equal((1, 2), (dana.Sent, dana.Received));
        Assert.Equal(ContactStatus.Flagged, dana.Status);
    }

    [Fact]
    public async Task An_expired_cursor_starts_that_feed_over()
    {
        await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);
        _reader.ExpiredCursors.Add("inbox:delta:3");
        _reader.CursorsAsked.Clear();

        var result = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.Contains(null, _reader.CursorsAsked);
        Assert.Equal(2, result.Contacts.Single(c => c.Email == "dana@fabrikam.com").Received);
    }

    [Fact]
    public async Task The_calendar_window_spans_the_look_back_and_the_look_ahead()
    {
        await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        var window = _reader.LastWindow!;
        Assert.True(window.Start <= AsOf.AddDays(-730));
        Assert.True(window.End >= AsOf.AddDays(90));
    }

    [Fact]
    public async Task A_run_whose_look_ahead_leaves_the_window_resyncs_the_calendar()
    {
        await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);
        _reader.CursorsAsked.Clear();

        var weekLater = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf.AddDays(7)), null, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(null, _reader.CursorsAsked);

        _reader.CursorsAsked.Clear();
        var monthsLater = await Scanner().ScanAsync(new ScanRequest(Owner, AsOf.AddDays(60)), null, TestContext.Current.CancellationToken);

        Assert.Single(_reader.CursorsAsked, c => c is null);
        Assert.Equal(1, monthsLater.Statistics.Events);
        Assert.Equal(ContactStatus.Met, Statuses(weekLater)["lee@contoso.com"]);
    }

    [Fact]
    public async Task Aliases_and_extra_internal_domains_apply_to_one_scan()
    {
        var request = new ScanRequest(Owner, AsOf) { InternalDomains = ["contoso.com"], DoNotContact = ["dana@fabrikam.com"] };

        var result = await Scanner().ScanAsync(request, null, TestContext.Current.CancellationToken);

        Assert.Equal(ContactStatus.Excluded, Statuses(result)["lee@contoso.com"]);
        Assert.Equal(ContactStatus.Excluded, Statuses(result)["dana@fabrikam.com"]);
    }

    [Fact]
    public async Task Progress_is_reported_per_page()
    {
        var reports = new List<ScanProgress>();

        await Scanner().ScanAsync(new ScanRequest(Owner, AsOf), new SynchronousProgress(reports), TestContext.Current.CancellationToken);

        Assert.Equal(_reader.PagesServed, reports.Count);
    }

    [Fact]
    public async Task An_invalid_mailbox_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Scanner().ScanAsync(new ScanRequest("not-an-address"), null, TestContext.Current.CancellationToken));
    }

    private sealed class SynchronousProgress(List<ScanProgress> reports) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
