using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;

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
