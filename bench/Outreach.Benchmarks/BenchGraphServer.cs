using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Outreach.Benchmarks;

/// <summary>
/// A minimal loopback Graph endpoint serving a <see cref="GeneratedMailbox"/> with Graph's paging:
/// message delta per folder and calendarView delta (@odata.nextLink / @odata.deltaLink, $select carried in
/// the token, Prefer: odata.maxpagesize up to 1000, default 10), and the plain /messages and /events lists
/// ($skip links, default 10 per page). It counts requests and response body bytes (uncompressed).
/// A delta link of an unchanged mailbox returns no items, as Graph does.
/// For the fan-out it serves one mailbox per user id (<see cref="Mailboxes"/>), can answer every Nth request
/// with Graph's 429 (Retry-After 0 or 1 s, Graph's error body), adds a fixed latency, and records the
/// most requests ever in flight at once for any one mailbox.
/// Issue 11: a filtered message delta returns at most <see cref="DeltaCap"/> (5,000) messages of a folder, the
/// newest; a folder's plain /messages list takes $filter on receivedDateTime (ge/gt/lt/le joined by "and"),
/// $orderby=receivedDateTime, $top ≤ 1000, $count and pages by $skip. With <see cref="OutlookLimits"/> on it
/// answers 429 with Retry-After beyond Outlook's per-mailbox limits (4 requests at once, 10,000 per 10 minutes),
/// and it records per mailbox the most requests in flight and the most requests in any 10 minutes.
/// </summary>
internal sealed partial class BenchGraphServer : IAsyncDisposable
{
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 1000;
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StrongBox<int>> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private long _requests;
    private long _bytes;
    private long _throttled;
    private int _maxInFlightPerMailbox;
    private int _inFlightTotal;
    private int _maxInFlightTotal;
    private long _limitThrottled;
    private long _firstRequestAt;
    private long _lastResponseAt;
    private System.Collections.Concurrent.ConcurrentDictionary<string, MailboxCounters> _perMailbox = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Outlook's per-app, per-mailbox limits: "4 concurrent requests" and "10,000 API requests in a 10 minute
    /// period" (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits).
    /// </summary>
    public const int OutlookConcurrency = 4;

    public const int OutlookRequestsPerWindow = 10_000;

    public static readonly TimeSpan OutlookWindow = TimeSpan.FromMinutes(10);

    /// <summary>The most messages a filtered message delta returns of one folder (the newest); 0: no cap.</summary>
    public int DeltaCap { get; set; } = 5000;

    /// <summary>Enforce Outlook's per-mailbox limits with 429 + Retry-After.</summary>
    public bool OutlookLimits { get; set; }

    /// <summary>429s answered because a mailbox went over Outlook's limits (not the every-Nth ones).</summary>
    public long LimitThrottled => Interlocked.Read(ref _limitThrottled);

    /// <summary>Seconds from the first request's arrival to the last response since the last reset.</summary>
    public double ActiveSeconds => _firstRequestAt == 0 ? 0 : System.Diagnostics.Stopwatch.GetElapsedTime(_firstRequestAt, Volatile.Read(ref _lastResponseAt)).TotalSeconds;

    /// <summary>Per mailbox (user id): requests, most in flight at once, most requests within any 10 minutes.</summary>
    public IReadOnlyDictionary<string, (long Requests, int MaxInFlight, int MaxPerWindow)> PerMailbox =>
        _perMailbox.ToDictionary(p => p.Key, p => (Interlocked.Read(ref p.Value.Requests), Volatile.Read(ref p.Value.MaxInFlight), p.Value.MaxPerWindow), StringComparer.OrdinalIgnoreCase);

    private sealed class MailboxCounters
    {
        public long Requests;
        public int InFlight;
        public int MaxInFlight;
        public int MaxPerWindow;
        public readonly Queue<long> Window = new();
    }

    private BenchGraphServer(WebApplication app, GeneratedMailbox mailbox)
    {
        _app = app;
        Mailbox = mailbox;
    }

    public GeneratedMailbox Mailbox { get; set; }

    /// <summary>The mailbox behind a user id; by default <see cref="Mailbox"/> whatever the id.</summary>
    public Func<string, GeneratedMailbox?>? Mailboxes { get; set; }

    /// <summary>Answer every Nth request with 429 (0: never).</summary>
    public int ThrottleEvery { get; set; }

    /// <summary>Added to every response, so requests of one mailbox overlap as they would against Graph.</summary>
    public TimeSpan Latency { get; set; }

    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>The most requests in flight at once for one mailbox since the last reset.</summary>
    public int MaxInFlightPerMailbox => Volatile.Read(ref _maxInFlightPerMailbox);

    /// <summary>The most requests in flight at once over all mailboxes since the last reset.</summary>
    public int MaxInFlightTotal => Volatile.Read(ref _maxInFlightTotal);

    public string BaseUrl { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Volatile.Write(ref _maxInFlightPerMailbox, 0);
        Volatile.Write(ref _maxInFlightTotal, 0);
        Interlocked.Exchange(ref _limitThrottled, 0);
        Interlocked.Exchange(ref _firstRequestAt, 0);
        _perMailbox = new(StringComparer.OrdinalIgnoreCase);
    }

    public static async Task<BenchGraphServer> StartAsync(GeneratedMailbox mailbox)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new BenchGraphServer(app, mailbox);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = $"http://127.0.0.1:{new Uri(app.Urls.First()).Port}/v1.0";
        return server;
    }

    [GeneratedRegex(@"^/v1\.0/users/[^/]+/mailFolders/(?<folder>[^/]+)/messages/delta(\(\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex MessageDelta();

    [GeneratedRegex(@"odata\.maxpagesize\s*=\s*(?<n>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPageSizePreference();

    [GeneratedRegex(@"^/v1\.0/users/(?<user>[^/]+)/", RegexOptions.IgnoreCase)]
    private static partial Regex UserSegment();

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstRequestAt, arrived, 0);
        var path = context.Request.Path.Value ?? "";
        var user = UserSegment().Match(path) is { Success: true } u ? Uri.UnescapeDataString(u.Groups["user"].Value) : "";
        var slot = _inFlight.GetOrAdd(user, _ => new StrongBox<int>());
        var counters = _perMailbox.GetOrAdd(user, _ => new MailboxCounters());
        var now = Interlocked.Increment(ref slot.Value);
        var total = Interlocked.Increment(ref _inFlightTotal);
        Interlocked.Increment(ref counters.Requests);
        Raise(ref _maxInFlightPerMailbox, now);
        Raise(ref _maxInFlightTotal, total);
        Raise(ref counters.MaxInFlight, Interlocked.Increment(ref counters.InFlight));
        TimeSpan? overLimit = null;
        lock (counters.Window)
        {
            // Every request that arrives counts against the 10-minute budget, answered or not.
            var horizon = arrived - (long)(OutlookWindow.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
            while (counters.Window.Count > 0 && counters.Window.Peek() <= horizon) counters.Window.Dequeue();
            if (OutlookLimits && counters.Window.Count >= OutlookRequestsPerWindow)
            {
                overLimit = System.Diagnostics.Stopwatch.GetElapsedTime(horizon, counters.Window.Peek());
            }

            counters.Window.Enqueue(arrived);
            counters.MaxPerWindow = Math.Max(counters.MaxPerWindow, counters.Window.Count);
        }

        if (OutlookLimits && overLimit is null && Volatile.Read(ref counters.InFlight) > OutlookConcurrency) overLimit = TimeSpan.FromSeconds(1);
        try
        {
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
            if (overLimit is { } wait)
            {
                Interlocked.Increment(ref _limitThrottled);
                await ThrottleAsync(context, "MailboxConcurrency", (int)Math.Ceiling(wait.TotalSeconds));
                return;
            }

            if (ThrottleEvery > 0 && number % ThrottleEvery == 0)
            {
                Interlocked.Increment(ref _throttled);
                await ThrottleAsync(context, "MailboxConcurrency", (int)(number / ThrottleEvery % 2));
                return;
            }

            await ServeAsync(context, path, Mailboxes?.Invoke(user) ?? Mailbox);
        }
        finally
        {
            Interlocked.Decrement(ref slot.Value);
            Interlocked.Decrement(ref counters.InFlight);
            Interlocked.Decrement(ref _inFlightTotal);
            Volatile.Write(ref _lastResponseAt, System.Diagnostics.Stopwatch.GetTimestamp());
        }
    }

    private static void Raise(ref int max, int value)
    {
        var seen = Volatile.Read(ref max);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref max, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <summary>Outlook's answer to a mailbox over its limits: 429, Retry-After in seconds, Graph's error body.</summary>
    private async Task ThrottleAsync(HttpContext context, string limit, int retryAfterSeconds)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"error\":{\"code\":\"ApplicationThrottled\",\"message\":\"Application is over its " + limit + " limit.\"," +
            "\"innerError\":{\"date\":\"2026-03-02T09:00:00\",\"request-id\":\"" + Guid.NewGuid() + "\"}}}");
        Interlocked.Add(ref _bytes, body.Length);
        context.Response.StatusCode = 429;
        context.Response.Headers["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    private async Task ServeAsync(HttpContext context, string path, GeneratedMailbox mailbox)
    {
        var query = context.Request.Query;
        var preferred = PreferredPageSize(context.Request.Headers["Prefer"]);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var status = 200;
        using (var w = new Utf8JsonWriter(buffer))
        {
            var userPath = path.StartsWith("/v1.0/users/", StringComparison.Ordinal) ? path : "";
            var linkBase = BaseUrl + path["/v1.0".Length..];
            if (MessageDelta().Match(path) is { Success: true } m)
            {
                var folder = m.Groups["folder"].Value.ToLowerInvariant();
                var inbox = folder == "inbox";
                MessageFields? fields = null; // parsed once per page, not per message
                if (folder is not ("inbox" or "sentitems"))
                {
                    status = 404;
                    Error(w, "ErrorItemNotFound", "The specified object was not found in the store.");
                }
                else if (!TryRange(mailbox, inbox, query["$filter"].ToString(), out var start, out var end, out var filterError))
                {
                    status = 400;
                    Error(w, "ErrorInvalidUrlQueryFilter", filterError);
                }
                else
                {
                    // Graph's cap on a filtered message delta (issue 11; message delta's $filter on receivedDateTime,
                    // https://learn.microsoft.com/graph/api/message-delta): at most 5,000 messages of the folder, the
                    // newest. Older mail in the filter's range never arrives, and the round still ends in a delta link.
                    if (DeltaCap > 0 && query.ContainsKey("$filter") && end - start > DeltaCap) end = start + DeltaCap;
                    Delta(w, linkBase, "message", start, end, query, preferred,
                        (k, select) => mailbox.WriteMessage(w, folder, k, fields ??= new MessageFields(select)));
                }
            }
            else if (FolderMessages().Match(path) is { Success: true } list)
            {
                var folder = list.Groups["folder"].Value.ToLowerInvariant();
                var inbox = folder == "inbox";
                var fields = new MessageFields(query["$select"].ToString());
                var orderBy = query["$orderby"].ToString().Trim();
                if (folder is not ("inbox" or "sentitems"))
                {
                    status = 404;
                    Error(w, "ErrorItemNotFound", "The specified object was not found in the store.");
                }
                else if (orderBy.Length > 0 && !OrderBy().IsMatch(orderBy))
                {
                    status = 400;
                    Error(w, "ErrorInvalidProperty", $"The $orderby '{orderBy}' is not supported by this loopback server.");
                }
                else if (!TryRange(mailbox, inbox, query["$filter"].ToString(), out var start, out var end, out var filterError))
                {
                    status = 400;
                    Error(w, "ErrorInvalidUrlQueryFilter", filterError);
                }
                else
                {
                    var ascending = orderBy.EndsWith(" asc", StringComparison.OrdinalIgnoreCase);
                    FolderList(w, context.Request, linkBase, start, end, ascending, query, preferred,
                        k => mailbox.WriteMessage(w, folder, k, fields));
                }
            }
            else if ((path.EndsWith("/calendarView/delta", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/calendarView/delta()", StringComparison.OrdinalIgnoreCase)) && userPath.Length > 0)
            {
                if (!query.ContainsKey("$skiptoken") && !query.ContainsKey("$deltatoken") && (!query.ContainsKey("startDateTime") || !query.ContainsKey("endDateTime")))
                {
                    status = 400;
                    Error(w, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
                }
                else
                {
                    Delta(w, linkBase, "event", 0, mailbox.EventCount, query, preferred, (k, _) => mailbox.WriteEvent(w, k));
                }
            }
            else if (path.EndsWith("/messages", StringComparison.OrdinalIgnoreCase) && userPath.Length > 0)
            {
                var fields = new MessageFields(query["$select"].ToString());
                List(w, linkBase, "messages", mailbox.Count("all"), query, preferred, k => mailbox.WriteMessage(w, "all", k, fields));
            }
            else if (path.EndsWith("/events", StringComparison.OrdinalIgnoreCase) && userPath.Length > 0)
            {
                List(w, linkBase, "events", mailbox.EventCount, query, preferred, k => mailbox.WriteEvent(w, k));
            }
            else
            {
                status = 404;
                Error(w, "BadRequest", $"Resource not found for the segment '{path}'.");
            }
        }

        Interlocked.Add(ref _bytes, buffer.WrittenCount);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
        context.Response.ContentLength = buffer.WrittenCount;
        if (preferred is { } applied) context.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={Math.Min(applied, MaxPageSize)}";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private static int? PreferredPageSize(IEnumerable<string?> prefer)
    {
        foreach (var header in prefer)
        {
            if (header is not null && MaxPageSizePreference().Match(header) is { Success: true } m)
            {
                return int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>
    /// A delta round over the index range [start, end). Tokens: "$skiptoken=offset.end.pageSize.select" mid-round,
    /// "$deltatoken=select" at the end (select base64url-encoded, as Graph keeps the first request's $select in its tokens).
    /// </summary>
    private static void Delta(Utf8JsonWriter w, string linkBase, string entity, int start, int end, IQueryCollection query, int? preferred, Action<int, string?> write)
    {
        string? select;
        int offset;
        var pageSize = Math.Clamp(preferred ?? DefaultPageSize, 1, MaxPageSize);
        if (query["$deltatoken"].ToString() is { Length: > 0 } deltaToken)
        {
            // The mailbox does not change between runs: nothing since the last round.
            select = Decode(deltaToken);
            offset = end = 0;
        }
        else if (query["$skiptoken"].ToString() is { Length: > 0 } skipToken)
        {
            var parts = skipToken.Split('.');
            offset = int.Parse(parts[0], CultureInfo.InvariantCulture);
            end = int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (preferred is null) pageSize = int.Parse(parts[2], CultureInfo.InvariantCulture);
            select = Decode(parts[3]);
        }
        else
        {
            select = query["$select"].ToString();
            offset = start;
        }

        var last = Math.Min(end, offset + pageSize);
        var more = last < end;
        w.WriteStartObject();
        w.WriteString("@odata.context", $"https://graph.microsoft.com/v1.0/$metadata#Collection({entity})");
        var encoded = Encode(select);
        if (more) w.WriteString("@odata.nextLink", $"{linkBase}?$skiptoken={last}.{end}.{pageSize}.{encoded}");
        w.WriteStartArray("value");
        for (var k = offset; k < last; k++) write(k, select);
        w.WriteEndArray();
        if (!more) w.WriteString("@odata.deltaLink", $"{linkBase}?$deltatoken={encoded}");
        w.WriteEndObject();
    }

    /// <summary>
    /// A folder's plain message list over [start, end) of its newest-first order: $top (≤ 1000; else the
    /// preferred page size; else 10), $skip links that keep every other query option, @odata.count on $count=true.
    /// </summary>
    private static void FolderList(Utf8JsonWriter w, HttpRequest request, string linkBase, int start, int end, bool ascending,
        IQueryCollection query, int? preferred, Action<int> write)
    {
        var top = query["$top"].ToString() is { Length: > 0 } t ? int.Parse(t, CultureInfo.InvariantCulture) : (int?)null;
        var pageSize = Math.Clamp(top ?? preferred ?? DefaultPageSize, 1, MaxPageSize);
        var skip = query["$skip"].ToString() is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
        var total = end - start;
        var last = Math.Min(total, skip + pageSize);
        w.WriteStartObject();
        w.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('x')/mailFolders('x')/messages");
        if (string.Equals(query["$count"].ToString(), "true", StringComparison.OrdinalIgnoreCase)) w.WriteNumber("@odata.count", total);
        w.WriteStartArray("value");
        for (var j = skip; j < last; j++) write(ascending ? end - 1 - j : start + j);
        w.WriteEndArray();
        if (last < total)
        {
            var keep = string.Join('&', query.Where(q => q.Key is not ("$skip" or "$top"))
                .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}"));
            w.WriteString("@odata.nextLink", $"{linkBase}?{(keep.Length > 0 ? keep + "&" : "")}$top={pageSize}&$skip={last}");
        }

        w.WriteEndObject();
        _ = request;
    }

    /// <summary>
    /// A $filter on receivedDateTime: comparisons (ge, gt, lt, le) joined by "and"; empty: the whole folder.
    /// Anything else is refused, so a request this server does not understand fails loudly instead of counting wrong.
    /// </summary>
    private static bool TryRange(GeneratedMailbox mailbox, bool inbox, string filter, out int start, out int end, out string error)
    {
        DateTimeOffset? lower = null, upper = null;
        bool lowerInclusive = true, upperInclusive = false;
        error = "";
        if (!string.IsNullOrWhiteSpace(filter))
        {
            foreach (var clause in AndSplit().Split(filter.Trim()))
            {
                if (Comparison().Match(clause.Trim()) is not { Success: true } c
                    || !DateTimeOffset.TryParse(c.Groups["value"].Value.Trim('\''), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                {
                    start = end = 0;
                    error = $"Invalid filter clause '{clause}'.";
                    return false;
                }

                switch (c.Groups["op"].Value.ToLowerInvariant())
                {
                    case "ge": if (lower is null || value > lower || (value == lower && !lowerInclusive)) { lower = value; lowerInclusive = true; } break;
                    case "gt": if (lower is null || value >= lower) { lower = value; lowerInclusive = false; } break;
                    case "lt": if (upper is null || value <= upper) { upper = value; upperInclusive = false; } break;
                    default: if (upper is null || value < upper) { upper = value; upperInclusive = true; } break;
                }
            }
        }

        (start, end) = mailbox.Range(inbox, lower, lowerInclusive, upper, upperInclusive);
        return true;
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^\(?\s*receivedDateTime\s+(?<op>ge|gt|lt|le)\s+(?<value>[^\s\)]+)\s*\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^receivedDateTime(\s+(asc|desc))?$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderBy();

    [GeneratedRegex(@"^/v1\.0/users/[^/]+/mailFolders/(?<folder>[^/]+)/messages$", RegexOptions.IgnoreCase)]
    private static partial Regex FolderMessages();

    private static void List(Utf8JsonWriter w, string linkBase, string entity, int count, IQueryCollection query, int? preferred, Action<int> write)
    {
        var top = query["$top"].ToString() is { Length: > 0 } t ? int.Parse(t, CultureInfo.InvariantCulture) : (int?)null;
        var pageSize = Math.Clamp(top ?? preferred ?? DefaultPageSize, 1, MaxPageSize);
        var offset = query["$skip"].ToString() is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 0;
        var end = Math.Min(count, offset + pageSize);
        w.WriteStartObject();
        w.WriteString("@odata.context", $"https://graph.microsoft.com/v1.0/$metadata#users('x')/{entity}");
        w.WriteStartArray("value");
        for (var k = offset; k < end; k++) write(k);
        w.WriteEndArray();
        if (end < count) w.WriteString("@odata.nextLink", $"{linkBase}?$top={pageSize}&$skip={end}");
        w.WriteEndObject();
    }

    private static void Error(Utf8JsonWriter w, string code, string message)
    {
        w.WriteStartObject();
        w.WriteStartObject("error"); w.WriteString("code", code); w.WriteString("message", message); w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Encode(string? select) =>
        string.IsNullOrEmpty(select) ? "-" : Convert.ToBase64String(Encoding.UTF8.GetBytes(select)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string token)
    {
        if (token == "-") return null;
        var b64 = token.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - b64.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(b64));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
