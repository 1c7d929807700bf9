using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Outreach.Core.Contacts;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph.Mapping;

namespace Outreach.Graph.Reading;

/// <summary>
/// Reads a mailbox through Graph: per-folder mail with only the envelope fields that folder's rule reads
/// selected (headers only for the Inbox), and calendarView delta over a fixed window. Page links are
/// followed as opaque URLs; the final delta link is the cursor the next run starts from.
/// </summary>
/// <remarks>
/// <para>
/// A folder's first sync cannot be one filtered delta: "a delta query with $filter returns only up to 5,000
/// messages" (https://learn.microsoft.com/graph/delta-query-messages), and which 5,000 is not documented.
/// So the text window is read with a plain list instead, which has no such cap
/// (https://learn.microsoft.com/graph/api/user-list-messages): <c>$filter=receivedDateTime ge {since}</c>,
/// <c>$orderby=receivedDateTime desc</c> (the sorted property comes first in the filter, as Graph requires when
/// both are given: https://devblogs.microsoft.com/microsoft365dev/update-to-filtering-and-sorting-rest-api/),
/// <c>$top</c> up to 1,000 (the list's documented maximum).
/// </para>
/// <para>
/// Later pages are not the @odata.nextLink: that link pages by <c>$skip</c> over the folder as it is at each request,
/// so a message deleted from an earlier page moves the rest up a place and one is skipped, unseen and unreported.
/// (The link is opaque: "don't try to extract the $skip value and use it in a different request",
/// https://learn.microsoft.com/graph/paging, so it cannot be adjusted either.) Instead each next page is our own
/// keyset query, <c>receivedDateTime ge {since} and receivedDateTime lt {oldest receipt read + 1 s}</c>, newest first:
/// it starts at the oldest instant read so far, whatever was deleted or added above it, and the few messages of
/// that instant read already (usually one) are dropped by id. Only when more than a page of messages share one
/// instant can the filter not move on; then that page's nextLink is followed until the instant is passed.
/// Messages arriving meanwhile are newer than the bound: the delta below reads them.
/// </para>
/// <para>
/// Then the folder's delta link comes from a filtered delta that starts <see cref="DeltaOverlap"/> before the
/// newest message the list saw, so it lists only the few messages that arrived meanwhile (far below the cap: one
/// request) and tracks every later change. A message seen by both is counted once (touchpoints are keyed by
/// immutable id). Both bounds are Exchange's own receivedDateTime values, so this machine's clock plays no part. On delta, <c>$top</c> is not a page
/// size and the only <c>$orderby</c> is <c>receivedDateTime desc</c>; the page size is <c>Prefer:
/// odata.maxpagesize</c> (https://learn.microsoft.com/graph/api/message-delta), so neither is sent.
/// What this gives up: a message moved into the folder after the first sync whose receivedDateTime is older than
/// the delta's start is not seen (removals never mattered: removed mail is not un-counted).
/// Cost: ceil(window messages / 1,000) list requests (one more when the window is within a few messages of a multiple of
/// 1,000, as each later page re-reads its boundary message) + one delta request per folder; later runs: one each.
/// </para>
/// <para>
/// Cursors: a Graph URL (delta next/delta link), or this reader's own list-phase state
/// (<c>outreach-list|...</c>, <c>outreach-delta|...</c>), so a crash mid-list resumes where it stopped.
/// </para>
/// </remarks>
public sealed class GraphMailboxReader(GraphServiceClient client, IOptions<GraphOptions> options) : IMailboxReader
{
    /// <summary>The documented cap of a filtered message delta (delta-query-messages).</summary>
    public const int FilteredDeltaCap = 5000;

    /// <summary>How far before the newest listed message the delta starts: covers what arrives while the list is read.</summary>
    public static readonly TimeSpan DeltaOverlap = TimeSpan.FromHours(1);

    private const string ListPrefix = "outreach-list|";
    private const string DeltaPrefix = "outreach-delta|";

    private readonly GraphOptions _options = options.Value;

    public async IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
        string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = StreamNames.For(folder);
        var fields = GraphRecordMapper.MessageFields(folder, _options.ReadMessageHeaders);
        var messages = client.Users[mailbox].MailFolders[stream].Messages;

        if (cursor is null || cursor.StartsWith(ListPrefix, StringComparison.Ordinal))
        {
            // The list needs receivedDateTime of every message (Sent Items' rule does not read it otherwise)
            // to know the newest one, where the delta will start, and the oldest of each page, where the next starts.
            string[] listFields = fields.Contains("receivedDateTime") ? fields : [.. fields, "receivedDateTime"];
            var list = cursor is null ? ListState.Start : ParseList(cursor, mailbox, stream);
            while (true)
            {
                var state = list;
                var response = await CallAsync(mailbox, stream, () => state.NextLink is { } link
                    ? messages.WithUrl(link).GetAsync(request => PreferIds(request.Headers), cancellationToken)
                    : messages.GetAsync(request =>
                    {
                        // Both clauses on the sorted property, which comes first (list-messages: "Using filter and orderby").
                        // "lt the next second" is "le the bound's second" even for a receipt with a fraction of a second.
                        request.QueryParameters.Filter = "receivedDateTime ge " + Iso(receivedSince)
                            + (state.Bound is { } bound ? " and receivedDateTime lt " + Iso(bound.AddSeconds(1)) : "");
                        request.QueryParameters.Orderby = ["receivedDateTime desc"];
                        request.QueryParameters.Top = _options.ListPageSize;
                        request.QueryParameters.Select = listFields;
                        PreferIds(request.Headers);
                    }, cancellationToken));

                var page = response?.Value ?? [];
                var items = new List<MailMessageRecord>(page.Count);
                foreach (var message in page)
                {
                    // A message at the previous page's last instant comes again on this one: read once.
                    if (state.SeenAtBound.Contains(message.Id ?? "")) continue;
                    items.Add(GraphRecordMapper.ToRecord(message));
                }

                list = list.After(page, response?.OdataNextLink, _options.ListPageSize);
                var next = list.Done ? DeltaCursor(list.Newest, receivedSince) : ListCursor(list);
                yield return new ChangePage<MailMessageRecord>(items, [], next, IsFinal: false);
                if (list.Done) break;
            }

            cursor = DeltaCursor(list.Newest, receivedSince);
        }

        var delta = messages.Delta;
        string? deltaNext = null;
        var deltaSince = DateTimeOffset.MinValue;
        if (cursor.StartsWith(DeltaPrefix, StringComparison.Ordinal))
        {
            deltaSince = ParseInstant(cursor[DeltaPrefix.Length..], mailbox, stream);
        }
        else
        {
            deltaNext = cursor;
        }

        var initialCount = 0;
        while (true)
        {
            var link = deltaNext;
            var response = await CallAsync(mailbox, stream, () => link is null
                ? delta.GetAsDeltaGetResponseAsync(request =>
                {
                    request.QueryParameters.Select = fields;
                    // The only filter message delta supports (ge|gt on receivedDateTime).
                    request.QueryParameters.Filter = "receivedDateTime ge " + Iso(deltaSince);
                    Prefer(request.Headers);
                }, cancellationToken)
                : delta.WithUrl(link).GetAsDeltaGetResponseAsync(request => Prefer(request.Headers), cancellationToken));

            var items = new List<MailMessageRecord>();
            var removed = new List<string>();
            foreach (var message in response?.Value ?? [])
            {
                if (GraphRecordMapper.IsRemoved(message.AdditionalData)) removed.Add(message.Id ?? string.Empty);
                else items.Add(GraphRecordMapper.ToRecord(message));
            }

            // Only a delta started here (not one resumed from a stored link) can tell it reached the cap.
            if (deltaSince != DateTimeOffset.MinValue) initialCount += items.Count;
            var page = Page(items, removed, response?.OdataNextLink, response?.OdataDeltaLink, mailbox, stream);
            if (page.IsFinal && initialCount >= FilteredDeltaCap)
            {
                page = page with
                {
                    IncompleteReason = $"{stream}: {initialCount} or more messages arrived while the first sync read the folder, "
                        + $"which reaches Graph's {FilteredDeltaCap}-message cap of a filtered delta; some of them may be missing.",
                };
            }

            yield return page;
            if (page.IsFinal) yield break;
            deltaNext = page.Cursor;
        }
    }

    /// <remarks>
    /// Guarded against calendarView/delta faults reported against the SDK (msgraph-sdk-dotnet#3070, #3082):
    /// a nextLink already followed in this round stops the loop with <see cref="RepeatedPageLinkException"/>
    /// (the scanner starts the calendar over once, then fails the scan); an id repeated within a page is kept
    /// once (across pages the meeting is replaced by id, never added twice); pages larger than asked are fine.
    /// No $select is sent: "$select is not supported" there (https://learn.microsoft.com/graph/delta-query-events).
    /// </remarks>
    public async IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
        string mailbox, CalendarWindow window, string? cursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var delta = client.Users[mailbox].CalendarView.Delta;
        var next = cursor;
        var followed = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var link = next;
            if (link is not null) followed.Add(link);
            var response = await CallAsync(mailbox, StreamNames.Calendar, () => link is null
                ? delta.GetAsDeltaGetResponseAsync(request =>
                {
                    // calendarView/delta takes no $select: the window is all it is told.
                    request.QueryParameters.StartDateTime = Iso(window.Start);
                    request.QueryParameters.EndDateTime = Iso(window.End);
                    Prefer(request.Headers);
                }, cancellationToken)
                : delta.WithUrl(link).GetAsDeltaGetResponseAsync(request => Prefer(request.Headers), cancellationToken));

            // The last occurrence of an id in a page wins, as a later change would.
            var events = new Dictionary<string, CalendarEventRecord>(StringComparer.Ordinal);
            var removed = new List<string>();
            foreach (var ev in response?.Value ?? [])
            {
                var id = ev.Id ?? string.Empty;
                if (GraphRecordMapper.IsRemoved(ev.AdditionalData))
                {
                    events.Remove(id);
                    if (!removed.Contains(id, StringComparer.Ordinal)) removed.Add(id);
                }
                else
                {
                    removed.Remove(id);
                    events[id] = GraphRecordMapper.ToRecord(ev, _options.ReadEventBodies);
                }
            }

            if (response?.OdataNextLink is { } nextLink && followed.Contains(nextLink))
            {
                throw new RepeatedPageLinkException(StreamNames.Calendar,
                    $"Microsoft Graph kept returning the same calendar page for {mailbox} (a calendarView/delta fault known from "
                    + "msgraph-sdk-dotnet#3070), even after the calendar sync was started over, so the scan stopped instead of looping. "
                    + "Run the scan again later; if it keeps failing, report the mailbox's calendar to Microsoft support.");
            }

            var page = Page([.. events.Values], removed, response?.OdataNextLink, response?.OdataDeltaLink, mailbox, StreamNames.Calendar);
            yield return page;
            if (page.IsFinal) yield break;
            next = page.Cursor;
        }
    }

    private void Prefer(RequestHeaders headers)
    {
        headers.Add("Prefer", $"odata.maxpagesize={_options.PageSize.ToString(CultureInfo.InvariantCulture)}");
        PreferIds(headers);
    }

    /// <summary>The list pages with $top instead of odata.maxpagesize; both need the same ids and zone as delta.</summary>
    private static void PreferIds(RequestHeaders headers)
    {
        // Immutable ids survive moves between folders, so a moved message is not counted twice, and the
        // list and the delta name a message the same way.
        headers.Add("Prefer", "IdType=\"ImmutableId\"");
        headers.Add("Prefer", "outlook.timezone=\"UTC\"");
    }

    private static string Ticks(DateTimeOffset value) => value.UtcTicks.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Mid-list: <c>outreach-list|{newest}|{bound}|{ids at bound, space-separated}|{fallback next link}</c>
    /// ("-" for none). Immutable ids are URL-safe Base64, so neither '|' nor ' ' occurs in them; the link comes last.
    /// </summary>
    private static string ListCursor(ListState list) =>
        ListPrefix + Instant(list.Newest) + "|" + Instant(list.Bound) + "|"
        + (list.SeenAtBound.Count == 0 ? "-" : string.Join(' ', list.SeenAtBound.Order(StringComparer.Ordinal))) + "|" + list.NextLink;

    private static string Instant(DateTimeOffset? value) => value is { } v ? Ticks(v) : "-";

    /// <summary>
    /// List done: the delta starts <see cref="DeltaOverlap"/> before the newest message listed (Exchange's own
    /// clock, so no skew), or at the window's start when the folder had none (then its first round is empty too).
    /// </summary>
    private static string DeltaCursor(DateTimeOffset? newest, DateTimeOffset receivedSince) =>
        DeltaPrefix + Ticks(newest is { } n && n - DeltaOverlap > receivedSince ? n - DeltaOverlap : receivedSince);

    private static ListState ParseList(string cursor, string mailbox, string stream)
    {
        var parts = cursor[ListPrefix.Length..].Split('|', 2);
        if (parts.Length != 2 || parts[1].Length == 0) throw BadCursor(mailbox, stream);
        var newest = parts[0] == "-" ? (DateTimeOffset?)null : ParseInstant(parts[0], mailbox, stream);

        // Written before keyset paging: "{newest}|{next link}". Follow the link once, then page by key.
        if (parts[1].StartsWith("http", StringComparison.OrdinalIgnoreCase)) return ListState.Start with { Newest = newest, NextLink = parts[1] };

        var rest = parts[1].Split('|', 3);
        if (rest.Length != 3 || rest[0] == "-") throw BadCursor(mailbox, stream);
        return new ListState(
            newest,
            ParseInstant(rest[0], mailbox, stream),
            rest[1] == "-" ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(rest[1].Split(' '), StringComparer.Ordinal),
            rest[2].Length == 0 ? null : rest[2],
            Done: false);
    }

    private static DateTimeOffset ParseInstant(string ticks, string mailbox, string stream) =>
        long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : throw BadCursor(mailbox, stream);

    /// <summary>A damaged stored cursor is handled like an expired one: that feed syncs from scratch.</summary>
    private static SyncCursorExpiredException BadCursor(string mailbox, string stream) =>
        new(stream, new FormatException($"The stored {stream} cursor of {EmailAddresses.Redact(mailbox)} is not one this reader wrote."));

    private static ChangePage<T> Page<T>(List<T> items, List<string> removed, string? nextLink, string? deltaLink, string mailbox, string stream)
    {
        if (nextLink is not null) return new ChangePage<T>(items, removed, nextLink, IsFinal: false);
        if (deltaLink is not null) return new ChangePage<T>(items, removed, deltaLink, IsFinal: true);
        throw new MailboxAccessException(
            MailboxAccessFailure.Failed, $"Microsoft Graph returned a {stream} delta page for {mailbox} with neither a next link nor a delta link.");
    }

    private async Task<TResult?> CallAsync<TResult>(string mailbox, string stream, Func<Task<TResult?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (GraphErrorTranslator.IsGraphFailure(error))
        {
            throw GraphErrorTranslator.Translate(error, mailbox, stream, _options);
        }
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Receipt instants as Graph filters and returns them: whole seconds (the filter is written to the second).</summary>
    private static DateTimeOffset Second(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>
    /// Where the list stands: the newest receipt seen (where the delta will start), the bound of the next page (the
    /// oldest receipt seen so far) with the ids already read at that instant, and a next link only while more than a
    /// page of messages share the bound's instant (then the filter alone cannot move on).
    /// </summary>
    private sealed record ListState(DateTimeOffset? Newest, DateTimeOffset? Bound, HashSet<string> SeenAtBound, string? NextLink, bool Done)
    {
        public static ListState Start => new(null, null, new HashSet<string>(StringComparer.Ordinal), null, Done: false);

        public ListState After(IReadOnlyList<Microsoft.Graph.Models.Message> page, string? nextLink, int pageSize)
        {
            var newest = Newest;
            var bound = Bound;
            var seen = SeenAtBound;
            foreach (var message in page)
            {
                if (message.ReceivedDateTime is not { } exact) continue;
                var at = Second(exact);
                if (newest is null || at > newest) newest = at;
                if (bound is null || at < bound)
                {
                    bound = at;
                    seen = new HashSet<string>(StringComparer.Ordinal);
                }

                if (at == bound) seen.Add(message.Id ?? "");
            }

            // No next link: the filter's result ended here, the list is done.
            if (nextLink is null) return new ListState(newest, bound, seen, null, Done: true);

            // A page of nothing but messages already read at the bound would come back unchanged: only the link moves on.
            return new ListState(newest, bound, seen, seen.Count >= pageSize || bound is null ? nextLink : null, Done: false);
        }
    }
}
