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
        var path = context.Request.Path.Value ?? "";
        var user = UserSegment().Match(path) is { Success: true } u ? Uri.UnescapeDataString(u.Groups["user"].Value) : "";
        var slot = _inFlight.GetOrAdd(user, _ => new StrongBox<int>());
        var now = Interlocked.Increment(ref slot.Value);
        var total = Interlocked.Increment(ref _inFlightTotal);
        Raise(ref _maxInFlightPerMailbox, now);
        Raise(ref _maxInFlightTotal, total);
        try
        {
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
            if (ThrottleEvery > 0 && number % ThrottleEvery == 0)
            {
                Interlocked.Increment(ref _throttled);
                await ThrottleAsync(context, number);
                return;
            }

            await ServeAsync(context, path, Mailboxes?.Invoke(user) ?? Mailbox);
        }
        finally
        {
            Interlocked.Decrement(ref slot.Value);
            Interlocked.Decrement(ref _inFlightTotal);
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
    private async Task ThrottleAsync(HttpContext context, long number)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"error\":{\"code\":\"ApplicationThrottled\",\"message\":\"Application is over its MailboxConcurrency limit.\"," +
            "\"innerError\":{\"date\":\"2026-03-02T09:00:00\",\"request-id\":\"" + Guid.NewGuid() + "\"}}}");
        Interlocked.Add(ref _bytes, body.Length);
        context.Response.StatusCode = 429;
        context.Response.Headers["Retry-After"] = (number / ThrottleEvery % 2).ToString(CultureInfo.InvariantCulture);
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
                MessageFields? fields = null; // parsed once per page, not per message
                Delta(w, linkBase, "message", mailbox.Count(folder), query, preferred,
                    (k, select) => mailbox.WriteMessage(w, folder, k, fields ??= new MessageFields(select)));
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
                    Delta(w, linkBase, "event", mailbox.EventCount, query, preferred, (k, _) => mailbox.WriteEvent(w, k));
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
    /// A delta round. Tokens: "$skiptoken=offset.pageSize.select" mid-round, "$deltatoken=select" at the end
    /// (select base64url-encoded, as Graph keeps the first request's $select in its tokens).
    /// </summary>
    private static void Delta(Utf8JsonWriter w, string linkBase, string entity, int count, IQueryCollection query, int? preferred, Action<int, string?> write)
    {
        string? select;
        int offset;
        var pageSize = Math.Clamp(preferred ?? DefaultPageSize, 1, MaxPageSize);
        if (query["$deltatoken"].ToString() is { Length: > 0 } deltaToken)
        {
            // The mailbox does not change between runs: nothing since the last round.
            select = Decode(deltaToken);
            offset = count;
        }
        else if (query["$skiptoken"].ToString() is { Length: > 0 } skipToken)
        {
            var parts = skipToken.Split('.');
            offset = int.Parse(parts[0], CultureInfo.InvariantCulture);
            if (preferred is null) pageSize = int.Parse(parts[1], CultureInfo.InvariantCulture);
            select = Decode(parts[2]);
        }
        else
        {
            select = query["$select"].ToString();
            offset = 0;
        }

        var end = Math.Min(count, offset + pageSize);
        var more = end < count;
        w.WriteStartObject();
        w.WriteString("@odata.context", $"https://graph.microsoft.com/v1.0/$metadata#Collection({entity})");
        var encoded = Encode(select);
        if (more) w.WriteString("@odata.nextLink", $"{linkBase}?$skiptoken={end}.{pageSize}.{encoded}");
        w.WriteStartArray("value");
        for (var k = offset; k < end; k++) write(k, select);
        w.WriteEndArray();
        if (!more) w.WriteString("@odata.deltaLink", $"{linkBase}?$deltatoken={encoded}");
        w.WriteEndObject();
    }

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
