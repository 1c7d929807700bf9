using System.Reflection;
using System.Text.Json.Serialization;

namespace Outreach.Core.Serialization;

/// <summary>
/// The wire names of an enum, read once (at type initialization) from its <see cref="JsonStringEnumMemberNameAttribute"/>s:
/// the very names System.Text.Json writes, so table properties, CLI options, problem details and logs never
/// keep a second list that could drift from the JSON. A member without the attribute is named as JSON names
/// it, by its C# name. Not for [Flags] combinations: only single declared members have a name.
/// </summary>
public static class WireNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (TEnum Value, string Name)[] Members = Read();

    private static readonly Dictionary<TEnum, string> ByValue = Index(Members, m => m.Value, m => m.Name, EqualityComparer<TEnum>.Default);

    private static readonly Dictionary<string, TEnum> ByName = Index(Members, m => m.Name, m => m.Value, StringComparer.Ordinal);

    private static readonly Dictionary<string, TEnum> ByNameIgnoringCase = Index(Members, m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every declared member, in declaration order.</summary>
    public static IReadOnlyList<TEnum> Values { get; } = [.. Members.Select(m => m.Value)];

    /// <summary>The member's wire name; a value that is no declared member has none.</summary>
    public static string Of(TEnum value) =>
        ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a declared {typeof(TEnum).Name}.");

    /// <summary>The member with exactly this wire name (ordinal, as stored and as JSON reads it).</summary>
    public static bool TryParse(string? name, out TEnum value) => TryParse(name, ignoreCase: false, out value);

    /// <param name="ignoreCase">Match case-insensitively, for what people type (CLI options, query strings).</param>
    public static bool TryParse(string? name, bool ignoreCase, out TEnum value)
    {
        value = default;
        return name is not null && (ignoreCase ? ByNameIgnoringCase : ByName).TryGetValue(name, out value);
    }

    private static (TEnum Value, string Name)[] Read() =>
        [.. typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => ((TEnum)f.GetValue(null)!, f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name))];

    // First one wins when two members share a value (an alias) or two names differ only in case.
    private static Dictionary<TKey, TValue> Index<TKey, TValue>(
        (TEnum Value, string Name)[] members, Func<(TEnum Value, string Name), TKey> key, Func<(TEnum Value, string Name), TValue> value, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, TValue>(comparer);
        foreach (var member in members) index.TryAdd(key(member), value(member));
        return index;
    }
}
