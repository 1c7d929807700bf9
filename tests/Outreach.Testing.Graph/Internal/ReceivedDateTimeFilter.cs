using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// The only $filter Graph accepts on message delta: <c>receivedDateTime ge|gt &lt;instant&gt;</c>.
/// Anything else is rejected the way Graph rejects it.
/// </summary>
internal sealed partial class ReceivedDateTimeFilter
{
    private readonly bool _inclusive;
    private readonly DateTimeOffset _bound;

    private ReceivedDateTimeFilter(bool inclusive, DateTimeOffset bound)
    {
        _inclusive = inclusive;
        _bound = bound;
    }

    /// <summary>Null for no filter; throws Graph's ErrorInvalidUrlQueryFilter for one it does not support.</summary>
    public static ReceivedDateTimeFilter? Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        var match = Supported().Match(filter);
        if (!match.Success || !GraphDateTime.TryParseInstant(match.Groups["bound"].Value, out var bound))
        {
            throw new GraphErrorException(GraphError.InvalidFilter());
        }

        var inclusive = match.Groups["op"].Value.Equals("ge", StringComparison.OrdinalIgnoreCase);
        return new ReceivedDateTimeFilter(inclusive, bound);
    }

    /// <summary>A message without a readable receivedDateTime never matches.</summary>
    public bool Matches(JsonObject message)
    {
        var text = message["receivedDateTime"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        if (!GraphDateTime.TryParseInstant(text, out var received))
        {
            return false;
        }

        return _inclusive ? received >= _bound : received > _bound;
    }

    [GeneratedRegex(@"^\s*receivedDateTime\s+(?<op>ge|gt)\s+(?<bound>\S+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Supported();
}
