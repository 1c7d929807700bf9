using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// <c>/communications/callRecords</c> as Graph v1.0 documents it:
/// <list type="bullet">
/// <item>The list (https://learn.microsoft.com/graph/api/callrecords-cloudcommunications-list-callrecords) takes $filter
/// "only supported for the startDateTime (lt,le,gt,ge) and participant participants_v2.id (eq) properties", $select and
/// Prefer: odata.maxpagesize; its records "don't include expandable relationships such as sessions and participants_v2"
/// (nor organizer_v2), so $expand is refused here.</item>
/// <item><c>/{id}/participants_v2</c> (https://learn.microsoft.com/graph/api/callrecords-callrecord-list-participants_v2):
/// $select, paged.</item>
/// <item><c>/{id}/sessions</c> (https://learn.microsoft.com/graph/api/callrecords-callrecord-list-sessions): "the maximum
/// page size for sessions is 60 entries".</item>
/// <item><c>/{id}</c> (https://learn.microsoft.com/graph/api/callrecords-callrecord-get): $select, and $expand of a single
/// relationship (participants_v2 or sessions).</item>
/// </list>
/// Records older than 30 days are gone in Graph; the fake keeps what the test added.
/// </summary>
internal static partial class CallRecordsEndpoint
{
    public const int DefaultPageSize = 50;
    public const int DefaultParticipantsPageSize = 100;
    public const int MaxSessionsPageSize = 60;

    public static GraphResponse List(GraphCall call, FakeTeams teams)
    {
        TeamsQuery.OnlyThese(call, "the callRecords list", "$filter", "$select", "$skiptoken");
        var filter = Filter.Parse(call.Query("$filter"));
        var select = SelectProjection.Parse(call.Query("$select"));
        call.Select = select;
        var records = teams.CallRecords()
            .Where(r => filter.Matches(r))
            .OrderBy(r => Start(r.Record))
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => SelectProjection.Project(r.Record, select))
            .ToList();
        return Page(call, "communications/callRecords", "#communications/callRecords", records, call.RequestedPageSize ?? DefaultPageSize);
    }

    public static GraphResponse Get(GraphCall call, FakeTeams teams)
    {
        TeamsQuery.OnlyThese(call, "callRecord", "$select", "$expand");
        var record = Find(call, teams);
        var body = SelectProjection.Project(record.Record, SelectProjection.Parse(call.Query("$select")));
        body["@odata.context"] = $"{call.BaseUrl}/$metadata#communications/callRecords/$entity";
        switch (call.Query("$expand")?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
        {
            case null:
                break;
            case "participants_v2":
                body["participants_v2"] = new JsonArray([.. record.Participants.Take(DefaultParticipantsPageSize).Select(p => p.DeepClone())]);
                if (record.Participants.Count > DefaultParticipantsPageSize)
                {
                    body["participants_v2@odata.nextLink"] = TeamsQuery.NextLink(call, $"communications/callRecords/{record.Id}/participants_v2", DefaultParticipantsPageSize);
                }

                break;
            case "sessions" or "sessions($expand=segments)":
                body["sessions"] = new JsonArray([.. record.Sessions.Take(MaxSessionsPageSize).Select(s => s.DeepClone())]);
                if (record.Sessions.Count > MaxSessionsPageSize)
                {
                    body["sessions@odata.nextLink"] = TeamsQuery.NextLink(call, $"communications/callRecords/{record.Id}/sessions", MaxSessionsPageSize);
                }

                break;
            default:
                throw new GraphErrorException(new GraphError(400, "BadRequest",
                    $"$expand '{call.Query("$expand")}' is not supported: expand a single relationship, participants_v2 or sessions."));
        }

        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }

    public static GraphResponse Participants(GraphCall call, FakeTeams teams)
    {
        TeamsQuery.OnlyThese(call, "participants_v2", "$select", "$skiptoken");
        var record = Find(call, teams);
        var select = SelectProjection.Parse(call.Query("$select"));
        call.Select = select;
        return Page(call, $"communications/callRecords/{record.Id}/participants_v2", $"#communications/callRecords('{record.Id}')/participants_v2",
            [.. record.Participants.Select(p => SelectProjection.Project(p, select))], call.RequestedPageSize ?? DefaultParticipantsPageSize);
    }

    public static GraphResponse Sessions(GraphCall call, FakeTeams teams)
    {
        TeamsQuery.OnlyThese(call, "sessions", "$select", "$expand", "$skiptoken");
        var record = Find(call, teams);
        var select = SelectProjection.Parse(call.Query("$select"));
        call.Select = select;
        var size = Math.Min(call.RequestedPageSize ?? MaxSessionsPageSize, MaxSessionsPageSize);
        return Page(call, $"communications/callRecords/{record.Id}/sessions", $"#communications/callRecords('{record.Id}')/sessions",
            [.. record.Sessions.Select(s => SelectProjection.Project(s, select))], size);
    }

    private static FakeTeams.FakeCallRecord Find(GraphCall call, FakeTeams teams) =>
        teams.FindCallRecord(call.Route.Folder!)
        ?? throw new GraphErrorException(new GraphError(404, "NotFound", $"The call record '{call.Route.Folder}' was not found (records are kept 30 days)."));

    private static GraphResponse Page(GraphCall call, string path, string context, List<JsonObject> all, int size)
    {
        var offset = TeamsQuery.Offset(call);
        var body = new JsonObject
        {
            ["@odata.context"] = $"{call.BaseUrl}/$metadata{context}",
            ["value"] = new JsonArray([.. all.Skip(offset).Take(size)]),
        };
        if (all.Count > offset + size) body["@odata.nextLink"] = TeamsQuery.NextLink(call, path, offset + size);
        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }

    private static DateTimeOffset Start(JsonObject record) =>
        GraphDateTime.TryParseInstant((string?)record["startDateTime"], out var at) ? at : DateTimeOffset.MinValue;

    /// <summary>Clauses joined by <c>and</c>: <c>startDateTime lt|le|gt|ge {instant}</c>, <c>participants_v2/any(p:p/id eq '{id}')</c>.</summary>
    private sealed partial class Filter
    {
        private readonly List<Func<FakeTeams.FakeCallRecord, bool>> _clauses = [];

        public static Filter Parse(string? text)
        {
            var filter = new Filter();
            if (string.IsNullOrWhiteSpace(text)) return filter;
            foreach (var part in And().Split(text.Trim()))
            {
                if (StartClause().Match(part) is { Success: true } start && GraphDateTime.TryParseInstant(start.Groups["at"].Value, out var bound))
                {
                    var op = start.Groups["op"].Value.ToLowerInvariant();
                    filter._clauses.Add(r => Compare(Start(r.Record), op, bound));
                }
                else if (ParticipantClause().Match(part) is { Success: true } participant
                         && participant.Groups["v1"].Value == participant.Groups["v2"].Value)
                {
                    var id = participant.Groups["id"].Value;
                    filter._clauses.Add(r => r.Participants.Any(p => string.Equals((string?)p["id"], id, StringComparison.OrdinalIgnoreCase)));
                }
                else
                {
                    throw new GraphErrorException(new GraphError(400, "BadRequest",
                        $"Invalid filter clause '{part.Trim()}': only startDateTime (lt, le, gt, ge) and participants_v2/any(p:p/id eq '...') are supported."));
                }
            }

            return filter;
        }

        public bool Matches(FakeTeams.FakeCallRecord record) => _clauses.All(c => c(record));

        private static bool Compare(DateTimeOffset value, string op, DateTimeOffset bound) => op switch
        {
            "lt" => value < bound,
            "le" => value <= bound,
            "gt" => value > bound,
            _ => value >= bound,
        };

        [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex And();

        [GeneratedRegex(@"^\s*\(?\s*startDateTime\s+(?<op>lt|le|gt|ge)\s+(?<at>[^\s)]+)\s*\)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex StartClause();

        [GeneratedRegex(@"^\s*\(?\s*participants_v2/any\(\s*(?<v1>\w+)\s*:\s*(?<v2>\w+)/id\s+eq\s+'(?<id>[^']+)'\s*\)\s*\)?\s*$", RegexOptions.CultureInvariant)]
        private static partial Regex ParticipantClause();
    }
}
