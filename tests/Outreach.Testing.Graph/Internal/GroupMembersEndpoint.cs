using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// <c>GET /groups/{id}/transitiveMembers/microsoft.graph.user</c>: directory paging ($top, default 100,
/// at most 999; an opaque $skiptoken in @odata.nextLink) and $select projection.
/// </summary>
internal static class GroupMembersEndpoint
{
    public static GraphResponse Handle(GraphCall call, FakeGroup group)
    {
        var select = call.Query("$select")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        call.Select = select;
        var top = int.TryParse(call.Query("$top"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? Math.Clamp(t, 1, 999) : 100;
        var offset = 0;
        if (call.Query("$skiptoken") is { } token)
        {
            try
            {
                offset = int.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new GraphErrorException(new GraphError(400, "Request_BadRequest", "Invalid paging token."));
            }
        }

        var users = group.Snapshot();
        var page = users.Skip(offset).Take(top).Select(u => Project(u, select)).ToList();
        var body = new JsonObject
        {
            ["@odata.context"] = $"{call.BaseUrl}/$metadata#users",
            ["value"] = new JsonArray([.. page]),
        };
        if (offset + page.Count < users.Count)
        {
            var next = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes((offset + page.Count).ToString(CultureInfo.InvariantCulture)));
            var query = $"$top={top.ToString(CultureInfo.InvariantCulture)}&$skiptoken={Uri.EscapeDataString(next)}"
                + (select is null ? "" : "&$select=" + string.Join(',', select));
            body["@odata.nextLink"] = $"{call.BaseUrl}/groups/{GraphCall.PathSegment(group.Id)}/transitiveMembers/microsoft.graph.user?{query}";
        }

        return new GraphResponse(200, body, GraphResponse.ODataContentType);
    }

    private static JsonNode Project(JsonObject user, string[]? select)
    {
        if (select is null) return user;
        var projected = new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = user["id"]?.DeepClone() };
        foreach (var name in select.Where(n => n != "id"))
        {
            if (user.TryGetPropertyValue(name, out var value)) projected[name] = value?.DeepClone();
        }

        return projected;
    }
}
