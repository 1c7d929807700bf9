using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Storage.Files.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Scanning;

/// <summary>How a scan overlaps reading with folding pages in and how often it checkpoints (no timing: a fake clock and signals).</summary>
public sealed class ScanPacingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-pacing-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(AsOf);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private MailboxScanner Scanner(IMailboxReader reader, IMailboxStateStore store, TimeSpan checkpoint) => new(
        reader, store, Options.Create(new WarmthPolicyOptions()), Options.Create(new ScanOptions { CheckpointInterval = checkpoint }),
        _time, NullLogger<MailboxScanner>.Instance);

    [Fact]
    public async Task The_next_page_is_already_requested_while_a_checkpoint_is_written()
    {
        var reader = new PagedInbox(pages: 3);
        // The first checkpoint only completes once the Inbox's second page has been asked for: without
        // read-ahead that request would wait for the checkpoint, and the scan would never finish.
        var store = new GatedStore(new FileMailboxStateStore(_directory), reader.SecondPageRequested.Task);

        var result = await Scanner(reader, store, TimeSpan.Zero).ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Statistics.Messages);
        Assert.True(store.Saves > 1);
    }

    [Fact]
    public async Task Checkpoints_whose_cost_is_high_come_less_often_than_the_interval()
    {
        // Each page takes 2 s and each save 1 s: a 5 s interval would save about every third page,
        // but a save is paced to at most one per 20 × its own duration.
        var reader = new PagedInbox(pages: 30);
        var store = new SlowStore(new FileMailboxStateStore(_directory), _time, TimeSpan.FromSeconds(1));

        var result = await Scanner(reader, store, TimeSpan.FromSeconds(5))
            .ScanAsync(new ScanRequest(Owner, AsOf), new PageClock(_time), TestContext.Current.CancellationToken);

        Assert.Equal(30, result.Statistics.Messages);
        // One checkpoint after the first 5 s, then one about every 20 s of the remaining ~55 s, and the final save.
        Assert.InRange(store.Saves, 2, 5);
        var state = await new FileMailboxStateStore(_directory).LoadAsync(Owner, TestContext.Current.CancellationToken);
        Assert.Equal(30, state!.Contacts.Values.Sum(c => c.Texts.Count));
    }

    [Fact]
    public async Task Cheap_checkpoints_keep_the_configured_interval()
    {
        var reader = new PagedInbox(pages: 30);
        var store = new SlowStore(new FileMailboxStateStore(_directory), _time, TimeSpan.Zero);

        await Scanner(reader, store, TimeSpan.FromSeconds(5))
            .ScanAsync(new ScanRequest(Owner, AsOf), new PageClock(_time), TestContext.Current.CancellationToken);

        // ~60 s of paging at one checkpoint per 5 s (give or take the page that crosses each boundary), plus the final save.
        Assert.InRange(store.Saves, 9, 16);
    }

    /// <summary>
    /// Two seconds pass with each page folded in. The clock moves where the scanner reports a page (under its
    /// lock, in order), not in the reader, which runs ahead concurrently and would blur what a save cost.
    /// </summary>
    private sealed class PageClock(FakeTimeProvider time) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => time.Advance(TimeSpan.FromSeconds(2));
    }

    /// <summary>An Inbox of one message a page; Sent Items and the calendar are empty.</summary>
    private sealed class PagedInbox(int pages) : IMailboxReader
    {
        public TaskCompletionSource SecondPageRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
            string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (folder != MailFolderKind.Inbox)
            {
                yield return new ChangePage<MailMessageRecord>([], [], "sent:delta", true);
                yield break;
            }

            var start = cursor is null ? 0 : int.Parse(cursor.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
            for (var page = start; page < pages; page++)
            {
                if (page == 1) SecondPageRequested.TrySetResult();
                var final = page == pages - 1;
                yield return new ChangePage<MailMessageRecord>(
                    [Received($"person{page % 4}@fabrikam.com", 1 + (page % 20), id: $"m{page}")], [], final ? "inbox:delta" : $"inbox:{page + 1}", final);
                await Task.Yield();
            }
        }

        public async IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
            string mailbox, CalendarWindow window, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new ChangePage<CalendarEventRecord>([], [], "calendar:delta", true);
        }
    }

    private sealed class GatedStore(IMailboxStateStore inner, Task gate) : IMailboxStateStore
    {
        public int Saves { get; private set; }

        public Task<MailboxState?> LoadAsync(string mailbox, CancellationToken cancellationToken) => inner.LoadAsync(mailbox, cancellationToken);

        public async Task SaveAsync(MailboxState state, CancellationToken cancellationToken)
        {
            // A guard against a hang, not a measurement: without read-ahead the gate never opens.
            if (Saves++ == 0) await gate.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await inner.SaveAsync(state, cancellationToken);
        }

        public Task<bool> DeleteAsync(string mailbox, CancellationToken cancellationToken) => inner.DeleteAsync(mailbox, cancellationToken);
    }

    private sealed class SlowStore(IMailboxStateStore inner, FakeTimeProvider time, TimeSpan cost) : IMailboxStateStore
    {
        public int Saves { get; private set; }

        public Task<MailboxState?> LoadAsync(string mailbox, CancellationToken cancellationToken) => inner.LoadAsync(mailbox, cancellationToken);

        public async Task SaveAsync(MailboxState state, CancellationToken cancellationToken)
        {
            Saves++;
            await inner.SaveAsync(state, cancellationToken);
            time.Advance(cost);
        }

        public Task<bool> DeleteAsync(string mailbox, CancellationToken cancellationToken) => inner.DeleteAsync(mailbox, cancellationToken);
    }
}
