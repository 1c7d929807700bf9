using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// A user's chats and a chat's messages, as Graph v1.0 documents them:
/// <list type="bullet">
/// <item><c>GET /users/{id}/chats</c> (https://learn.microsoft.com/graph/api/chat-list): $expand members (at most 25
/// members come back, a documented known issue) or lastMessagePreview; $top at most 50; $filter (here: chatType eq '...'
/// joined by or); $orderby only lastMessagePreview/createdDateTime desc; nothing else.</item>
/// <item><c>GET /chats/{id}/messages</c> (https://learn.microsoft.com/graph/api/chat-list-messages): $top at most 50;
/// $orderby lastModifiedDateTime (default) or createdDateTime, descending only; $filter lastModifiedDateTime gt|lt and
/// createdDateTime lt, applied "only if the request URL contains the $orderby and $filter query parameters configured
/// for the same property; otherwise, the $filter query option is ignored"; no other option (so no $select: the body
/// always comes).</item>
/// <item><c>getAllMessages</c>: metered and billed per message
/// (https://learn.microsoft.com/graph/teams-licenses#payment-models-for-teams-apis). Counted and refused, so a test
/// proves our reader never calls it.</item>
/// </list>
/// </summary>
internal static partial class ChatsEndpoint
{
    public const int MaxTop = 50;
    public const int DefaultTop = 20;
    public const int MaxExpandedMembers = 25;

    public static GraphResponse ListChats(GraphCall call, FakeTeams teams, string userObjectId)
    {
        TeamsQuery.OnlyThese(call, "the chats list", "$expand", "$top", "$filter", "$orderby", "$skiptoken");
        var top = TeamsQuery.Top(call, MaxTop, DefaultTop);
        var expand = (call.Query("$expand") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (expand.Any(e => !e.Equals("members", StringComparison.OrdinalIgnoreCase) && !e.Equals("lastMessagePreview", StringComparison.OrdinalIgnoreCase)))
        {
            throw new GraphErrorException(new GraphError(400, "BadRequest", $"$expand '{call.Query("$expand")}' is not supported: only members and lastMessagePreview."));
        }

        if (call.Query("$orderby") is { } orderBy && !OrderByPreview().IsMatch(orderBy))
        {
            throw new GraphErrorException(new GraphError(400, "BadRequest", $"$orderby '{orderBy}' is not supported: only lastMessagePreview/createdDateTime desc."));
        }

        var types = ChatTypes(call.Query("$filter"));
        var chats = teams.ChatsOf(userObjectId)
            .Where(c => types is null || types.Contains((string?)c.Chat["chatType"] ?? "", StringComparer.OrdinalIgnoreCase))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c =>
            {
                var chat = (JsonObject)c.Chat.DeepClone();
                if (expand.Contains("members", StringComparer.OrdinalIgnoreCase))
                {
                    chat["members"] = new JsonArray([.. c.Members.Take(MaxExpandedMembers).Select(m => m.DeepClone())]);
                }

                return chat;
            })
            .ToList();

        var offset = TeamsQuery.Offset(call);
        var body = new JsonObject
        {
            ["@odata.context"] = $"{call.BaseUrl}/$metadata#chats",
            ["value"] = new JsonArray([.. chats.Skip(offset).Take(top)]),
        };
        if (chats.Count > offset + top)
        {
            body["@odata.nextLink"] = TeamsQuery.NextLink(call, $"users/{GraphCall.PathSegment(call.Route.UserId!)}/chats", offset + top);
        }

        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }

    public static GraphResponse ListMessages(GraphCall call, FakeTeams teams)
    {
        TeamsQuery.OnlyThese(call, "the chat messages list", "$top", "$orderby", "$filter", "$skiptoken");
        var chat = teams.FindChat(call.Route.Folder!)
            ?? throw new GraphErrorException(new GraphError(404, "NotFound", $"Chat '{call.Route.Folder}' was not found."));
        if (teams.IsRefused(chat.Id))
        {
            throw new GraphErrorException(new GraphError(403, "Forbidden", "Requests to read a chat must come from the tenant the chat belongs to."));
        }

        var top = TeamsQuery.Top(call, MaxTop, DefaultTop);

        var orderBy = "lastModifiedDateTime";
        if (call.Query("$orderby") is { } orderText)
        {
            var match = OrderByMessages().Match(orderText);
            if (!match.Success)
            {
                throw new GraphErrorException(new GraphError(400, "BadRequest",
                    $"$orderby '{orderText}' is not supported: only lastModifiedDateTime desc or createdDateTime desc (ascending is not supported)."));
            }

            orderBy = match.Groups["property"].Value;
        }

        var clauses = MessageFilter(call.Query("$filter"));
        // Graph ignores a filter on another property than the one sorted on (or any filter without $orderby).
        var applies = call.Query("$orderby") is not null && clauses.All(c => c.Property.Equals(orderBy, StringComparison.OrdinalIgnoreCase));
        var messages = chat.Messages
            .Where(m => !applies || clauses.All(c => c.Matches(m)))
            .OrderByDescending(m => Instant(m, orderBy))
            .ThenByDescending(m => (string?)m["id"], StringComparer.Ordinal)
            .ToList();

        var offset = TeamsQuery.Offset(call);
        var body = new JsonObject
        {
            ["@odata.context"] = $"{call.BaseUrl}/$metadata#chats('{chat.Id}')/messages",
            ["@odata.count"] = messages.Count,
            ["value"] = new JsonArray([.. messages.Skip(offset).Take(top)]),
        };
        if (messages.Count > offset + top)
        {
            body["@odata.nextLink"] = TeamsQuery.NextLink(call, $"chats/{GraphCall.PathSegment(chat.Id)}/messages", offset + top);
        }

        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }

    public static GraphResponse GetAllMessages(FakeTeams teams)
    {
        teams.CountGetAllMessages();
        throw new GraphErrorException(new GraphError(402, "PaymentRequired",
            "getAllMessages is a metered API billed per message; the loopback server refuses it (and counted this request)."));
    }

    private static DateTimeOffset Instant(JsonObject message, string property) =>
        GraphDateTime.TryParseInstant((string?)message[property], out var at) ? at : DateTimeOffset.MinValue;

    private static string[]? ChatTypes(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        var types = new List<string>();
        foreach (var part in Or().Split(filter.Trim().TrimStart('(').TrimEnd(')')))
        {
            var match = ChatTypeClause().Match(part);
            if (!match.Success)
            {
                throw new GraphErrorException(new GraphError(400, "BadRequest", $"Invalid filter clause '{part.Trim()}': the loopback server filters chats by chatType eq '...' only."));
            }

            types.Add(match.Groups["type"].Value);
        }

        return [.. types];
    }

    private static List<Clause> MessageFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return [];
        var clauses = new List<Clause>();
        foreach (var part in And().Split(filter.Trim()))
        {
            var match = MessageClause().Match(part);
            if (!match.Success || !GraphDateTime.TryParseInstant(match.Groups["at"].Value, out var bound))
            {
                throw new GraphErrorException(new GraphError(400, "BadRequest", $"Invalid filter clause '{part.Trim()}'."));
            }

            var property = match.Groups["property"].Value;
            var op = match.Groups["op"].Value.ToLowerInvariant();
            // Documented: lastModifiedDateTime supports gt and lt; createdDateTime supports lt.
            var created = property.Equals("createdDateTime", StringComparison.OrdinalIgnoreCase);
            if (op is not ("gt" or "lt") || (created && op != "lt"))
            {
                throw new GraphErrorException(new GraphError(400, "BadRequest", $"{property} does not support the '{op}' operator."));
            }

            clauses.Add(new Clause(property, op, bound));
        }

        return clauses;
    }

    private sealed record Clause(string Property, string Op, DateTimeOffset Bound)
    {
        public bool Matches(JsonObject message)
        {
            var at = Instant(message, Property);
            return Op == "gt" ? at > Bound : at < Bound;
        }
    }

    [GeneratedRegex(@"^\s*lastMessagePreview/createdDateTime\s+desc\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderByPreview();

    [GeneratedRegex(@"^\s*(?<property>lastModifiedDateTime|createdDateTime)\s+desc\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderByMessages();

    [GeneratedRegex(@"\s+or\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Or();

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex And();

    [GeneratedRegex(@"^\s*\(?\s*chatType\s+eq\s+'(?<type>oneOnOne|group|meeting|unknownFutureValue)'\s*\)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChatTypeClause();

    [GeneratedRegex(@"^\s*\(?\s*(?<property>lastModifiedDateTime|createdDateTime)\s+(?<op>gt|lt|ge|le|eq)\s+(?<at>[^\s)]+)\s*\)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MessageClause();
}
