using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Storage.Files.State;

namespace Outreach.Core.Tests.Scanning;

/// <summary>Issue 11: a scan that could not read its whole window says so; a message read twice counts once.</summary>
public sealed class IncompleteScanTests : IDisposable
{
    private const string Owner = "avery@northwind.com";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "outreach-incomplete-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private MailboxScanner Scanner(IMailboxReader reader) => new(
        reader, new FileMailboxStateStore(_dir), Options.Create(new WarmthPolicyOptions()), Options.Create(new ScanOptions()),
        TimeProvider.System, NullLogger<MailboxScanner>.Instance);

    private static MailMessageRecord Received(string id, string from, int daysAgo) =>
        new(id, "c-" + from, AsOf.AddDays(-daysAgo), AsOf.AddDays(-daysAgo), false, "Hi", new EmailParticipant(from, null), [new EmailParticipant(Owner, null)], [], []);

    private static MailMessageRecord Sent(string id, string to, int daysAgo) =>
        new(id, "c-" + to, null, AsOf.AddDays(-daysAgo), false, "Hi", new EmailParticipant(Owner, null), [new EmailParticipant(to, null)], [], []);

    /// <summary>Serves fixed pages per folder; the calendar is empty.</summary>
    private sealed class PagedReader(List<ChangePage<MailMessageRecord>> inbox, List<ChangePage<MailMessageRecord>> sent) : IMailboxReader
    {
        public async IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
            string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var page in folder == MailFolderKind.Inbox ? inbox : sent) yield return page;
        }

        public async IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
            string mailbox, CalendarWindow window, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new ChangePage<CalendarEventRecord>([], [], "cal-done", IsFinal: true);
        }
    }

    [Fact]
    public async Task A_feed_that_could_not_read_its_window_marks_the_scan_incomplete_with_the_reason()
    {
        var reader = new PagedReader(
            [new([Received("r1", "dana@fabrikam.com", 5)], [], "in-done", IsFinal: true, IncompleteReason: "inbox: reached the cap")],
            [new([Sent("s1", "dana@fabrikam.com", 4)], [], "out-done", IsFinal: true)]);

        var result = await Scanner(reader).ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.True(result.Statistics.Incomplete);
        Assert.Equal(["inbox: reached the cap"], result.Statistics.IncompleteReasons!);
        var json = JsonSerializer.Serialize(ScanReport.From(result), ReportJsonContext.Default.ScanReport);
        using var doc = JsonDocument.Parse(json);
        Assert.True(doc.RootElement.GetProperty("incomplete").GetBoolean());
        Assert.Equal("inbox: reached the cap", doc.RootElement.GetProperty("incompleteReasons")[0].GetString());
    }

    [Fact]
    public async Task A_complete_scan_says_so_in_its_report()
    {
        var reader = new PagedReader([new([], [], "in-done", IsFinal: true)], [new([], [], "out-done", IsFinal: true)]);

        var result = await Scanner(reader).ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.False(result.Statistics.Incomplete);
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(ScanReport.From(result), ReportJsonContext.Default.ScanReport));
        Assert.False(doc.RootElement.GetProperty("incomplete").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("incompleteReasons").GetArrayLength());
    }

    /// <summary>
    /// Inbox: a first sync (no cursor) ends with <paramref name="firstGap"/>; a round from a cursor reads nothing new,
    /// or throws an expired cursor while <see cref="ExpireNext"/> is set. Sent Items and the calendar are clean.
    /// </summary>
    private sealed class RoundsReader(Func<int, string?> firstGap) : IMailboxReader
    {
        public int FullSyncs { get; private set; }

        public bool ExpireNext { get; set; }

        public async IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
            string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (folder != MailFolderKind.Inbox)
            {
                yield return new([], [], "out-done", IsFinal: true);
                yield break;
            }

            if (cursor is not null && ExpireNext)
            {
                ExpireNext = false;
                throw new SyncCursorExpiredException(StreamNames.Inbox);
            }

            if (cursor is not null)
            {
                yield return new([], [], cursor, IsFinal: true);
                yield break;
            }

            FullSyncs++;
            yield return new([Received("r" + FullSyncs, "dana@fabrikam.com", 5)], [], "in-list", IsFinal: false);
            yield return new([], [], "in-done", IsFinal: true, IncompleteReason: firstGap(FullSyncs));
        }

        public async IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
            string mailbox, CalendarWindow window, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new ChangePage<CalendarEventRecord>([], [], "cal-done", IsFinal: true);
        }
    }

    private Task<ScanResult> ScanAsync(IMailboxReader reader, int day) =>
        Scanner(reader).ScanAsync(new ScanRequest(Owner, AsOf.AddDays(day)), null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_incomplete_first_sync_is_still_reported_by_the_incremental_runs_after_it()
    {
        var reader = new RoundsReader(_ => "inbox: reached the cap");

        var first = await ScanAsync(reader, 0);
        var second = await ScanAsync(reader, 1);
        var third = await ScanAsync(reader, 2);

        Assert.Equal(["inbox: reached the cap"], first.Statistics.IncompleteReasons!);
        foreach (var later in new[] { second, third })
        {
            Assert.True(later.Statistics.Incremental);
            Assert.True(later.Statistics.Incomplete);
            Assert.StartsWith("inbox: reached the cap (found by an earlier scan", Assert.Single(later.Statistics.IncompleteReasons!), StringComparison.Ordinal);
        }

        Assert.Equal(1, reader.FullSyncs);
        var stored = await new FileMailboxStateStore(_dir).LoadAsync(Owner, TestContext.Current.CancellationToken);
        Assert.Equal("inbox: reached the cap", stored!.IncompleteReasons[StreamNames.Inbox]);
    }

    [Fact]
    public async Task The_gap_is_closed_once_its_stream_is_read_again_from_scratch_without_one()
    {
        var reader = new RoundsReader(sync => sync == 1 ? "inbox: reached the cap" : null);
        await ScanAsync(reader, 0);

        reader.ExpireNext = true; // the stored cursor has expired: the Inbox is read from scratch, this time whole
        var resynced = await ScanAsync(reader, 1);
        var after = await ScanAsync(reader, 2);

        Assert.Equal(2, reader.FullSyncs);
        Assert.False(resynced.Statistics.Incomplete);
        Assert.False(after.Statistics.Incomplete);
        var stored = await new FileMailboxStateStore(_dir).LoadAsync(Owner, TestContext.Current.CancellationToken);
        Assert.Empty(stored!.IncompleteReasons);
    }

    [Fact]
    public async Task A_resync_that_finds_a_gap_again_keeps_the_stream_incomplete()
    {
        var reader = new RoundsReader(sync => $"inbox: reached the cap on sync {sync}");
        await ScanAsync(reader, 0);

        reader.ExpireNext = true;
        var resynced = await ScanAsync(reader, 1);
        var after = await ScanAsync(reader, 2);

        Assert.Equal(["inbox: reached the cap on sync 2"], resynced.Statistics.IncompleteReasons!);
        Assert.StartsWith("inbox: reached the cap on sync 2 (found by an earlier scan", Assert.Single(after.Statistics.IncompleteReasons!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_read_twice_by_list_and_delta_counts_once()
    {
        // The Graph reader's list and its overlapping delta may both return a message: same immutable id.
        var twice = Received("r1", "dana@fabrikam.com", 5);
        var reader = new PagedReader(
            [new([twice, Received("r2", "dana@fabrikam.com", 6)], [], "list", IsFinal: false), new([twice], [], "delta", IsFinal: true)],
            [new([Sent("s1", "dana@fabrikam.com", 4), Sent("s2", "dana@fabrikam.com", 3)], [], "list", IsFinal: false),
             new([Sent("s2", "dana@fabrikam.com", 3)], [], "delta", IsFinal: true)]);

        var result = await Scanner(reader).ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        var dana = result.Contacts.Single(c => c.Email == "dana@fabrikam.com");
        Assert.Equal((2, 2), (dana.Sent, dana.Received));
    }
}
