using System.Runtime.CompilerServices;
using Outreach.Core.Sources;

namespace Outreach.Core.Tests.Support;

/// <summary>
/// A reader seam for scanner tests: each stream serves its items in pages; cursors are "stream:offset"
/// (a page) or "stream:delta:count" (the end). Items added later show up in the next incremental round.
/// </summary>
internal sealed class ScriptedMailboxReader : IMailboxReader
{
    private readonly Dictionary<string, List<object>> _items = new()
    {
        ["inbox"] = [], ["sentitems"] = [], ["calendar"] = [],
    };

    public int PageSize { get; set; } = 2;

    /// <summary>Throw after this many pages have been served in total (a crash mid-harvest).</summary>
    public int? FailAfterPages { get; set; }

    public HashSet<string> ExpiredCursors { get; } = [];

    public List<string?> CursorsAsked { get; } = [];

    public CalendarWindow? LastWindow { get; private set; }

    public int PagesServed { get; private set; }

    public void Add(MailFolderKind folder, params MailMessageRecord[] messages) =>
        _items[folder == MailFolderKind.Inbox ? "inbox" : "sentitems"].AddRange(messages);

    public void Add(params CalendarEventRecord[] events) => _items["calendar"].AddRange(events);

    public IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
        string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, CancellationToken cancellationToken) =>
        Serve<MailMessageRecord>(folder == MailFolderKind.Inbox ? "inbox" : "sentitems", cursor, cancellationToken);

    public IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
        string mailbox, CalendarWindow window, string? cursor, CancellationToken cancellationToken)
    {
        LastWindow = window;
        return Serve<CalendarEventRecord>("calendar", cursor, cancellationToken);
    }

    private async IAsyncEnumerable<ChangePage<T>> Serve<T>(string stream, string? cursor, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        lock (CursorsAsked) CursorsAsked.Add(cursor);
        if (cursor is not null && ExpiredCursors.Contains(cursor)) throw new SyncCursorExpiredException(stream);

        var items = _items[stream].Cast<T>().ToList();
        var offset = cursor switch
        {
            null => 0,
            _ when cursor.Contains(":delta:", StringComparison.Ordinal) => int.Parse(cursor.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture),
            _ => int.Parse(cursor.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture),
        };

        while (true)
        {
            ct.ThrowIfCancellationRequested();
            lock (_items)
            {
                if (FailAfterPages is { } limit && PagesServed >= limit) throw new IOException("Simulated crash in the middle of a harvest.");
                PagesServed++;
            }

            var page = items.Skip(offset).Take(PageSize).ToList();
            offset += page.Count;
            var final = offset >= items.Count;
            yield return new ChangePage<T>(page, [], final ? $"{stream}:delta:{offset}" : $"{stream}:{offset}", final);
            if (final) yield break;
        }
    }
}
