using System.Buffers;
using System.Globalization;
using System.Net;
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
/// </summary>
internal sealed partial class BenchGraphServer : IAsyncDisposable
{
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 1000;
    private readonly WebApplication _app;
    private long _requests;
    private long _bytes;

    private BenchGraphServer(WebApplication app, GeneratedMailbox mailbox)
    {
        _app = app;
        Mailbox = mailbox;
    }

    public GeneratedMailbox Mailbox { get; set; }

    public string BaseUrl { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _bytes, 0);
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

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value ?? "";
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
                Delta(w, linkBase, "message", Mailbox.Count(folder), query, preferred,
                    (k, select) => Mailbox.WriteMessage(w, folder, k, new MessageFields(select)));
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
                    Delta(w, linkBase, "event", Mailbox.EventCount, query, preferred, (k, _) => Mailbox.WriteEvent(w, k));
                }
            }
            else if (path.EndsWith("/messages", StringComparison.OrdinalIgnoreCase) && userPath.Length > 0)
            {
                var fields = new MessageFields(query["$select"].ToString());
                List(w, linkBase, "messages", Mailbox.Count("all"), query, preferred, k => Mailbox.WriteMessage(w, "all", k, fields));
            }
            else if (path.EndsWith("/events", StringComparison.OrdinalIgnoreCase) && userPath.Length > 0)
            {
                List(w, linkBase, "events", Mailbox.EventCount, query, preferred, k => Mailbox.WriteEvent(w, k));
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
