using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>$select as Graph applies it to messages: the chosen properties plus the ones every item keeps.</summary>
internal static class SelectProjection
{
    // Graph always returns these, whatever $select says.
    private static readonly string[] AlwaysKept = ["@odata.etag", "id"];

    /// <summary>"a, b,c" as a list; null when there is no $select.</summary>
    public static IReadOnlyList<string>? Parse(string? select)
    {
        var names = (select ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length == 0 ? null : names;
    }

    /// <summary>A copy of the item with only the selected properties (names match case-insensitively, as in Graph).</summary>
    public static JsonObject Project(JsonObject item, IReadOnlyList<string>? select)
    {
        if (select is null)
        {
            return item.DeepClone().AsObject();
        }

        var projected = new JsonObject();
        foreach (var (name, value) in item)
        {
            var wanted = AlwaysKept.Contains(name) || select.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (wanted)
            {
                projected[name] = value?.DeepClone();
            }
        }

        return projected;
    }
}
