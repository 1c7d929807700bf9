using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// The read endpoints for a <see cref="GeneratedMailbox"/>, written straight from the mailbox's index to UTF-8
/// JSON (no JsonObject per message), so a million-message mailbox costs the server no memory and little CPU:
/// message delta and the plain list per folder (inbox, sentitems), calendarView delta, and the whole mailbox's
/// <c>/messages</c> and <c>/events</c> lists. The query rules are those of the JsonObject endpoints
/// (<see cref="MessageDeltaEndpoint"/>, <see cref="MessageListEndpoint"/>, <see cref="CalendarViewDeltaEndpoint"/>):
/// delta's $filter only <c>receivedDateTime ge|gt</c> and its 5,000-message cap (<see cref="MessageDeltaLimits"/>,
/// newest kept), the list's $top 1–1,000 with $skip links, no $select on calendarView delta.
/// The mailbox never changes, so a delta link returns no items. Tokens are "offset.end.pageSize.select"
/// (select base64url), opaque to clients.
/// </summary>
internal static partial class GeneratedMailboxEndpoint
{
    public static GraphResponse Handle(GraphCall call, string method, string path, GeneratedMailbox mailbox, MessageDeltaLimits limits)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var linkBase = call.BaseUrl + path[Math.Min(path.Length, "/v1.0".Length)..];
        if (HttpMethods.IsGet(method))
        {
            switch (call.Route.Endpoint)
            {
                case GraphEndpoint.MessagesDelta:
                    return MessageDelta(call, linkBase, mailbox, limits);
                case GraphEndpoint.MessagesList:
                    return FolderList(call, linkBase, mailbox);
                case GraphEndpoint.CalendarViewDelta:
                    return CalendarDelta(call, linkBase, mailbox);
            }

            // GET /users/{id}/messages and /users/{id}/events: what a naive client lists (https://learn.microsoft.com/graph/api/user-list-messages).
            if (segments.Length == 4 && segments[3].Equals("messages", StringComparison.OrdinalIgnoreCase))
            {
                var fields = new MessageFields(call.Query("$select"));
                return List(call, linkBase, "messages", mailbox.Count("all"), (w, k) => mailbox.WriteMessage(w, "all", k, fields));
            }

            if (segments.Length == 4 && segments[3].Equals("events", StringComparison.OrdinalIgnoreCase))
            {
                return List(call, linkBase, "events", mailbox.EventCount, mailbox.WriteEvent);
            }
        }

        throw new GraphErrorException(GraphError.ResourceNotFound(segments.Length == 0 ? "" : segments[^1]));
    }

    private static GraphResponse MessageDelta(GraphCall call, string linkBase, GeneratedMailbox mailbox, MessageDeltaLimits limits)
    {
        var folder = Folder(call);
        int start = 0, end = 0;
        if (call.Query("$skiptoken") is null && call.Query("$deltatoken") is null)
        {
            var filter = call.Query("$filter");
            var range = Parse(filter);
            // "receivedDateTime ge|gt" only, as MessageDeltaEndpoint (ReceivedDateTimeFilter) enforces.
            if (range.Clauses > 1 || range.Upper is not null)
            {
                throw new GraphErrorException(GraphError.InvalidFilter());
            }

            (start, end) = mailbox.Range(folder == "inbox", range.Lower, range.LowerInclusive, null, false);
            if (filter is not null && limits.FilteredCap is { } cap && end - start > cap)
            {
                // The documented cap of a filtered delta (https://learn.microsoft.com/graph/delta-query-messages):
                // the newest messages of the range; older mail never arrives and the round still ends in a delta link.
                if (limits.Choice != DeltaCapChoice.Newest)
                {
                    throw new GraphErrorException(new GraphError(501, "NotImplemented", "A generated mailbox's capped delta keeps the newest messages only."));
                }

                end = start + cap;
            }
        }

        MessageFields? fields = null; // parsed once per page, not per message
        return Delta(call, linkBase, "message", start, end, (w, k, select) => mailbox.WriteMessage(w, folder, k, fields ??= new MessageFields(select)));
    }

    private static GraphResponse CalendarDelta(GraphCall call, string linkBase, GeneratedMailbox mailbox)
    {
        // "$select is not supported" on calendarView delta (https://learn.microsoft.com/graph/delta-query-events).
        if (call.Query("$select") is not null)
        {
            throw new GraphErrorException(GraphError.SelectNotSupported());
        }

        if (call.Query("$skiptoken") is null && call.Query("$deltatoken") is null &&
            (call.Query("startDateTime") is null || call.Query("endDateTime") is null))
        {
            throw new GraphErrorException(GraphError.MissingTimeWindow());
        }

        // Every generated event lies inside the window the reader asks for.
        return Delta(call, linkBase, "event", 0, mailbox.EventCount, (w, k, _) => mailbox.WriteEvent(w, k));
    }

    /// <summary>
    /// A delta round over the index range [start, end): "$skiptoken=offset.end.pageSize.select" mid-round,
    /// "$deltatoken=select" at the end (Graph keeps the first request's $select in its tokens).
    /// </summary>
    private static GraphResponse Delta(GraphCall call, string linkBase, string entity, int start, int end, Action<Utf8JsonWriter, int, string?> write)
    {
        string? select;
        int offset;
        var pageSize = call.RequestedPageSize ?? PreferHeader.DefaultPageSize;
        if (call.Query("$deltatoken") is { } deltaToken)
        {
            select = Decode(deltaToken);
            offset = end = 0; // nothing changed since the last round
        }
        else if (call.Query("$skiptoken") is { } skipToken)
        {
            var parts = skipToken.Split('.');
            if (parts.Length != 4 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out offset) ||
                !int.TryParse(parts[1], CultureInfo.InvariantCulture, out end) || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var tokenPageSize))
            {
                throw new GraphErrorException(GraphError.InvalidSyncState());
            }

            if (call.RequestedPageSize is null) pageSize = tokenPageSize;
            select = Decode(parts[3]);
        }
        else
        {
            select = call.Query("$select");
            offset = start;
        }

        call.Select = SelectProjection.Parse(select);
        var last = Math.Min(end, offset + pageSize);
        var more = last < end;
        var encoded = Encode(select);
        var response = Write(w =>
        {
            w.WriteString("@odata.context", $"{call.BaseUrl}/$metadata#Collection({entity})");
            if (more) w.WriteString("@odata.nextLink", $"{linkBase}?$skiptoken={last}.{end}.{pageSize}.{encoded}");
            w.WriteStartArray("value");
            for (var k = offset; k < last; k++) write(w, k, select);
            w.WriteEndArray();
            if (!more) w.WriteString("@odata.deltaLink", $"{linkBase}?$deltatoken={encoded}");
        });
        if (call.RequestedPageSize is { } applied) response.Headers["Preference-Applied"] = $"odata.maxpagesize={applied}";
        return response;
    }

    /// <summary>A folder's plain list, with <see cref="MessageListEndpoint"/>'s rules; the folder's own order is newest first.</summary>
    private static GraphResponse FolderList(GraphCall call, string linkBase, GeneratedMailbox mailbox)
    {
        var folder = Folder(call);
        var filterText = call.Query("$filter");
        var orderByText = call.Query("$orderby");
        var range = Parse(filterText);
        var ascending = OrderByAscending(orderByText);
        var top = Number(call.Query("$top"), "$top", MessageListEndpoint.DefaultTop);
        if (top is < 1 or > MessageListEndpoint.MaxTop)
        {
            throw new GraphErrorException(GraphError.InvalidQuery($"The value of $top must be between 1 and {MessageListEndpoint.MaxTop}."));
        }

        var skip = Number(call.Query("$skip"), "$skip", 0);
        var selectText = call.Query("$select");
        var fields = new MessageFields(selectText);
        call.Select = SelectProjection.Parse(selectText);
        var (start, end) = mailbox.Range(folder == "inbox", range.Lower, range.LowerInclusive, range.Upper, range.UpperInclusive);
        var total = end - start;
        var last = Math.Min(total, skip + top);
        var count = call.Query("$count") is { } c && c.Equals("true", StringComparison.OrdinalIgnoreCase);
        return Write(w =>
        {
            w.WriteString("@odata.context", $"{call.BaseUrl}/$metadata#users('{call.Route.UserId}')/mailFolders('{folder}')/messages");
            if (count) w.WriteNumber("@odata.count", total);
            w.WriteStartArray("value");
            for (var j = skip; j < last; j++) mailbox.WriteMessage(w, folder, ascending ? end - 1 - j : start + j, fields);
            w.WriteEndArray();
            if (last < total)
            {
                var query = new StringBuilder();
                Append(query, "$filter", filterText);
                Append(query, "$orderby", orderByText);
                Append(query, "$select", selectText);
                Append(query, "$count", count ? "true" : null);
                Append(query, "$top", top.ToString(CultureInfo.InvariantCulture));
                Append(query, "$skip", last.ToString(CultureInfo.InvariantCulture));
                w.WriteString("@odata.nextLink", $"{linkBase}?{query}");
            }
        });
    }

    /// <summary>The mailbox-wide lists: $top (≤ 1,000; else the preferred page size; else 10) and $skip links.</summary>
    private static GraphResponse List(GraphCall call, string linkBase, string entity, int count, Action<Utf8JsonWriter, int> write)
    {
        var top = call.Query("$top") is { } t ? Number(t, "$top", 0) : (int?)null;
        var pageSize = Math.Clamp(top ?? call.RequestedPageSize ?? MessageListEndpoint.DefaultTop, 1, MessageListEndpoint.MaxTop);
        var offset = Number(call.Query("$skip"), "$skip", 0);
        var select = call.Query("$select");
        call.Select = SelectProjection.Parse(select);
        var end = Math.Min(count, offset + pageSize);
        return Write(w =>
        {
            w.WriteString("@odata.context", $"{call.BaseUrl}/$metadata#users('{call.Route.UserId}')/{entity}");
            w.WriteStartArray("value");
            for (var k = offset; k < end; k++) write(w, k);
            w.WriteEndArray();
            if (end < count)
            {
                var query = new StringBuilder();
                Append(query, "$select", select);
                Append(query, "$top", pageSize.ToString(CultureInfo.InvariantCulture));
                Append(query, "$skip", end.ToString(CultureInfo.InvariantCulture));
                w.WriteString("@odata.nextLink", $"{linkBase}?{query}");
            }
        });
    }

    private static string Folder(GraphCall call)
    {
        var folder = call.Route.Folder!.ToLowerInvariant();
        return folder is "inbox" or "sentitems" ? folder : throw new GraphErrorException(GraphError.FolderNotFound());
    }

    private static GraphResponse Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return new GraphResponse(200, buffer.WrittenSpan.ToArray(), GraphResponse.ODataContentType);
    }

    /// <summary>A receivedDateTime range: comparisons (ge, gt, le, lt, eq) joined by "and"; empty: the whole folder.</summary>
    private static (DateTimeOffset? Lower, bool LowerInclusive, DateTimeOffset? Upper, bool UpperInclusive, int Clauses) Parse(string? filter)
    {
        DateTimeOffset? lower = null, upper = null;
        bool lowerInclusive = true, upperInclusive = false;
        if (string.IsNullOrWhiteSpace(filter))
        {
            return (null, true, null, false, 0);
        }

        var clauses = AndSeparator().Split(filter.Trim());
        foreach (var clause in clauses)
        {
            var match = ClausePattern().Match(clause);
            if (!match.Success || !GraphDateTime.TryParseInstant(match.Groups["bound"].Value, out var value))
            {
                throw new GraphErrorException(GraphError.InvalidFilter());
            }

            var op = match.Groups["op"].Value.ToLowerInvariant();
            if (op is "ge" or "eq" && (lower is null || value > lower || (value == lower && !lowerInclusive))) { lower = value; lowerInclusive = true; }
            if (op == "gt" && (lower is null || value >= lower)) { lower = value; lowerInclusive = false; }
            if (op == "lt" && (upper is null || value <= upper)) { upper = value; upperInclusive = false; }
            if (op is "le" or "eq" && (upper is null || value < upper)) { upper = value; upperInclusive = true; }
        }

        return (lower, lowerInclusive, upper, upperInclusive, clauses.Length);
    }

    /// <summary>False for none or desc (the folder's own order); only receivedDateTime, as <see cref="MessageListEndpoint"/>.</summary>
    private static bool OrderByAscending(string? orderBy)
    {
        if (string.IsNullOrWhiteSpace(orderBy))
        {
            return false;
        }

        var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !parts[0].Equals("receivedDateTime", StringComparison.OrdinalIgnoreCase) ||
            (parts.Length == 2 && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
        {
            throw new GraphErrorException(GraphError.InvalidQuery($"The loopback server only sorts by receivedDateTime, not '{orderBy}'."));
        }

        return parts.Length == 1 || parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase);
    }

    private static int Number(string? text, string name, int absent)
    {
        if (text is null)
        {
            return absent;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new GraphErrorException(GraphError.InvalidQuery($"'{text}' is not a valid value for {name}."));
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append("%24").Append(name[1..]).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string Encode(string? select) =>
        string.IsNullOrEmpty(select) ? "-" : Convert.ToBase64String(Encoding.UTF8.GetBytes(select)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string token)
    {
        if (token == "-")
        {
            return null;
        }

        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        }
        catch (FormatException)
        {
            throw new GraphErrorException(GraphError.InvalidSyncState());
        }
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^\s*\(?\s*receivedDateTime\s+(?<op>ge|gt|le|lt|eq)\s+(?<bound>[^\s)]+)\s*\)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClausePattern();
}
