using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Outreach.Testing.Graph.Internal;

/// <summary>A message's place in the order a capped delta keeps messages in: lower ranks are kept first.</summary>
internal readonly record struct DeltaCapRank(long Primary, ulong Secondary) : IComparable<DeltaCapRank>
{
    public int CompareTo(DeltaCapRank other) =>
        Primary != other.Primary ? Primary.CompareTo(other.Primary) : Secondary.CompareTo(other.Secondary);
}

/// <summary>The rank of the last message a capped round keeps, in the token (a few bytes, not 5,000 ids).</summary>
internal sealed record DeltaCapCutoff(
    [property: JsonPropertyName("m")] DeltaCapChoice Choice,
    [property: JsonPropertyName("p")] long Primary,
    [property: JsonPropertyName("s")] ulong Secondary)
{
    public bool Keeps(JsonObject message) => DeltaCap.Rank(message, Choice).CompareTo(new DeltaCapRank(Primary, Secondary)) <= 0;
}

/// <summary>Chooses which messages a capped initial round returns.</summary>
internal static class DeltaCap
{
    /// <summary>Null when no more than <paramref name="cap"/> messages are in scope (nothing to cut).</summary>
    public static DeltaCapCutoff? Cutoff(IEnumerable<JsonObject> inScope, int cap, DeltaCapChoice choice)
    {
        var ranks = inScope.Select(m => Rank(m, choice)).ToList();
        if (ranks.Count <= cap)
        {
            return null;
        }

        ranks.Sort();
        var last = ranks[cap - 1];
        return new DeltaCapCutoff(choice, last.Primary, last.Secondary);
    }

    public static DeltaCapRank Rank(JsonObject message, DeltaCapChoice choice)
    {
        var id = message["id"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";
        var hash = Fnv1a(id);
        if (choice == DeltaCapChoice.Scattered)
        {
            return new DeltaCapRank(0, hash);
        }

        var received = message["receivedDateTime"] is JsonValue r && r.TryGetValue<string>(out var text) &&
                       GraphDateTime.TryParseInstant(text, out var instant)
            ? instant.UtcTicks
            : 0;
        return new DeltaCapRank(-received, hash); // newest first
    }

    // Stable across processes (string.GetHashCode is randomised), so tokens stay valid.
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
