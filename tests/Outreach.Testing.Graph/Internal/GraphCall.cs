using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Outreach.Testing.Graph.Internal;

/// <summary>What an endpoint needs to know about the request, plus what it reports back for the log.</summary>
internal sealed class GraphCall(HttpRequest request, GraphRoute route, string baseUrl, IReadOnlyList<string> preferences)
{
    public GraphRoute Route { get; } = route;

    /// <summary>The server's v1.0 root, for building @odata links.</summary>
    public string BaseUrl { get; } = baseUrl;

    public IReadOnlyList<string> Preferences { get; } = preferences;

    /// <summary>Page size from Prefer: odata.maxpagesize, or null when the client asked for none.</summary>
    public int? RequestedPageSize { get; } = PreferHeader.RequestedPageSize(preferences);

    /// <summary>The $select in effect, set by the endpoint so the log shows it even when it came from a token.</summary>
    public IReadOnlyList<string>? Select { get; set; }

    /// <summary>The request body as sent (empty for a GET).</summary>
    public byte[] Body { get; set; } = [];

    /// <summary>
    /// The body as a JSON object, or Graph's 400 when it is empty or not a JSON object. Property lookups
    /// ignore case, as Graph's do (<c>"StartTime"</c> works as well as <c>"startTime"</c>).
    /// </summary>
    public JsonObject JsonBody()
    {
        if (Body.Length == 0)
        {
            throw new GraphErrorException(GraphError.EmptyPayload());
        }

        try
        {
            var node = JsonNode.Parse(Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true });
            if (node is JsonObject body)
            {
                _ = body.Count; // materialises the object, so duplicate names fail here rather than later
                return body;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // Falls through to Graph's error for an unreadable payload.
        }

        throw new GraphErrorException(GraphError.UnreadableJson());
    }

    /// <summary>
    /// A system query option such as "$select". Graph v1.0 also accepts the name without "$";
    /// ASP.NET has already decoded "%24select" to "$select".
    /// </summary>
    public string? Query(string name)
    {
        var value = request.Query[name];
        if (value.Count == 0 && name.StartsWith('$'))
        {
            value = request.Query[name[1..]];
        }

        return value.Count == 0 ? null : value.ToString();
    }

    /// <summary>The names of the query options sent, as sent (with or without "$").</summary>
    public IEnumerable<string> QueryKeys() => request.Query.Keys;

    /// <summary>A path segment for an @odata link; '@' stays readable in UPNs, as in Graph's own links.</summary>
    public static string PathSegment(string value) => Uri.EscapeDataString(value).Replace("%40", "@", StringComparison.Ordinal);
}
