using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// GET /v1.0/users/{id}/mailFolders/{folder}/messages (https://learn.microsoft.com/graph/api/user-list-messages):
/// a snapshot list, not change tracking. Supports what our reader uses and enforces the documented limits:
/// $top between 1 and 1,000 (default 10); $filter on receivedDateTime (ge, gt, le, lt, eq, joined by
/// <c>and</c>); $orderby receivedDateTime asc|desc, whose property must come first in $filter when both are
/// given (https://devblogs.microsoft.com/microsoft365dev/update-to-filtering-and-sorting-rest-api/);
/// $select; paging by @odata.nextLink carrying $skip (https://learn.microsoft.com/graph/paging).
/// Like Graph, each page is read from the folder as it is then: offsets shift when the folder changes.
/// </summary>
internal static partial class MessageListEndpoint
{
    public const int DefaultTop = 10;
    public const int MaxTop = 1000;

    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox)
    {
        var user = call.Route.UserId!;
        var folder = call.Route.Folder!;
        var filterText = call.Query("$filter");
        var orderByText = call.Query("$orderby");
        var clauses = ParseFilter(filterText);
        var descending = ParseOrderBy(orderByText);
        var top = Number(call.Query("$top"), "$top", DefaultTop);
        if (top is < 1 or > MaxTop)
        {
            throw new GraphErrorException(GraphError.InvalidQuery($"The value of $top must be between 1 and {MaxTop}."));
        }

        var skip = Number(call.Query("$skip"), "$skip", 0);
        var selectText = call.Query("$select");
        var select = SelectProjection.Parse(selectText);
        call.Select = select;

        List<JsonObject> page;
        bool more;
        lock (mailbox.Gate)
        {
            var items = mailbox.FolderOrNull(folder) ?? throw new GraphErrorException(GraphError.FolderNotFound());
            var matching = items.Live.Where(m => clauses.All(c => c.Matches(m)));
            if (descending is { } desc)
            {
                // Ties broken by id so that pages of an unchanged folder never overlap or skip.
                matching = desc
                    ? matching.OrderByDescending(Received).ThenBy(Id, StringComparer.Ordinal)
                    : matching.OrderBy(Received).ThenBy(Id, StringComparer.Ordinal);
            }
            else
            {
                matching = matching.OrderBy(Id, StringComparer.Ordinal);
            }

            var all = matching.ToList();
            page = [.. all.Skip(skip).Take(top).Select(m => SelectProjection.Project(m, select))];
            more = all.Count > skip + top;
        }

        var body = new JsonObject
        {
            ["@odata.context"] = $"{call.BaseUrl}/$metadata#users('{user}')/mailFolders('{folder}')/messages",
            ["value"] = new JsonArray([.. page]),
        };
        if (more)
        {
            var query = new StringBuilder();
            Append(query, "$filter", filterText);
            Append(query, "$orderby", orderByText);
            Append(query, "$select", selectText);
            Append(query, "$top", top.ToString(CultureInfo.InvariantCulture));
            Append(query, "$skip", (skip + top).ToString(CultureInfo.InvariantCulture));
            body["@odata.nextLink"] =
                $"{call.BaseUrl}/users/{GraphCall.PathSegment(user)}/mailFolders/{GraphCall.PathSegment(folder)}/messages?{query}";
        }

        return new GraphResponse(200, body, GraphResponse.ODataContentType);
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

        query.Append('%').Append("24").Append(name[1..]).Append('=').Append(Uri.EscapeDataString(value));
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

    private static DateTimeOffset Received(JsonObject message) =>
        message["receivedDateTime"] is JsonValue v && v.TryGetValue<string>(out var text) && GraphDateTime.TryParseInstant(text, out var at)
            ? at
            : DateTimeOffset.MinValue;

    private static string Id(JsonObject message) => (string?)message["id"] ?? "";

    private static List<Clause> ParseFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }

        var clauses = new List<Clause>();
        foreach (var part in AndSeparator().Split(filter.Trim()))
        {
            var match = ClausePattern().Match(part);
            if (!match.Success || !GraphDateTime.TryParseInstant(match.Groups["bound"].Value, out var bound))
            {
                throw new GraphErrorException(GraphError.InvalidFilter());
            }

            clauses.Add(new Clause(match.Groups["op"].Value.ToLowerInvariant(), bound));
        }

        return clauses;
    }

    /// <summary>
    /// Null: no $orderby. Graph also answers InefficientFilter when $filter does not start with the sorted
    /// property; every clause this fake accepts is on receivedDateTime, so that rule always holds here.
    /// </summary>
    private static bool? ParseOrderBy(string? orderBy)
    {
        if (string.IsNullOrWhiteSpace(orderBy))
        {
            return null;
        }

        var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !parts[0].Equals("receivedDateTime", StringComparison.OrdinalIgnoreCase) ||
            (parts.Length == 2 && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
        {
            // Graph sorts by other properties too; this fake only by receivedDateTime, and says so.
            throw new GraphErrorException(GraphError.InvalidQuery($"The loopback server only sorts by receivedDateTime, not '{orderBy}'."));
        }

        return parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Clause(string Op, DateTimeOffset Bound)
    {
        public bool Matches(JsonObject message)
        {
            var text = message["receivedDateTime"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (!GraphDateTime.TryParseInstant(text, out var received))
            {
                return false; // no receivedDateTime: matches no range
            }

            return Op switch
            {
                "ge" => received >= Bound,
                "gt" => received > Bound,
                "le" => received <= Bound,
                "lt" => received < Bound,
                _ => received == Bound,
            };
        }
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^\s*\(?\s*receivedDateTime\s+(?<op>ge|gt|le|lt|eq)\s+(?<bound>[^\s)]+)\s*\)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClausePattern();
}
