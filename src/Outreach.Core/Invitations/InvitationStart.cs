using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Core.Invitations;

/// <summary>
/// Reads a caller-given invitation start (HTTP "start", CLI --start): an ISO-8601 date-time WITH an offset
/// ("Z" or ±hh:mm). Without one, .NET would read it as the server's local time — a different hour on every
/// machine — so it is refused rather than guessed.
/// </summary>
public static partial class InvitationStart
{
    public const string Expected = "must be an ISO-8601 date-time with an offset, e.g. 2026-06-02T10:00:00+02:00 or 2026-06-02T08:00:00Z";

    /// <summary>The instant, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static DateTimeOffset? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.Contains('T', StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            problem = Expected;
            return null;
        }

        if (!WithOffset().IsMatch(trimmed))
        {
            problem = "needs an offset (Z or ±hh:mm): without one it would be read as this server's local time; e.g. 2026-06-02T10:00:00+02:00";
            return null;
        }

        problem = null;
        return parsed;
    }

    // The time part ends in Z or a numeric offset: 10:00Z, 10:00:00.5+02:00, 10:00-0500.
    [GeneratedRegex(@"T[0-9:.,]+(Z|[+-][0-9]{2}(:?[0-9]{2})?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithOffset();
}
