using System.Globalization;
using System.Text;

namespace Outreach.Testing.Graph.Internal;

/// <summary>What the Teams and call-record endpoints share: refusing query options they do not document, paging.</summary>
internal static class TeamsQuery
{
    /// <summary>Graph's 400 for a query option the API does not support (named, so a test failure says which).</summary>
    public static void OnlyThese(GraphCall call, string api, params string[] allowed)
    {
        foreach (var key in call.QueryKeys())
        {
            var name = key.StartsWith('$') ? key : "$" + key;
            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new GraphErrorException(new GraphError(400, "BadRequest", $"Query option '{name}' is not supported by {api}."));
            }
        }
    }

    /// <summary>$top within 1..max, or the default when absent.</summary>
    public static int Top(GraphCall call, int max, int absent)
    {
        var text = call.Query("$top");
        if (text is null) return absent;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top < 1 || top > max)
        {
            throw new GraphErrorException(new GraphError(400, "BadRequest", $"Invalid page size requested: $top must be between 1 and {max}, not '{text}'."));
        }

        return top;
    }

    /// <summary>The offset an opaque $skiptoken carries (0 when absent).</summary>
    public static int Offset(GraphCall call)
    {
        if (call.Query("$skiptoken") is not { } token) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return int.Parse(text.AsSpan("offset:".Length), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new GraphErrorException(new GraphError(400, "BadRequest", "Invalid skip token."));
        }
    }

    /// <summary>
    /// The next page's link: the same path and query options, with a new $skiptoken. The token is opaque
    /// (https://learn.microsoft.com/graph/paging): a client must follow the link, not build it.
    /// </summary>
    public static string NextLink(GraphCall call, string pathAfterVersion, int offset)
    {
        var query = new StringBuilder();
        foreach (var key in call.QueryKeys())
        {
            var name = key.StartsWith('$') ? key : "$" + key;
            if (name.Equals("$skiptoken", StringComparison.OrdinalIgnoreCase)) continue;
            query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(call.Query(name) ?? ""));
        }

        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));
        query.Append(query.Length == 0 ? "" : "&").Append("$skiptoken=").Append(Uri.EscapeDataString(token));
        return $"{call.BaseUrl}/{pathAfterVersion}?{query}";
    }
}
