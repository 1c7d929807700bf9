using Outreach.Core.Contacts;

namespace Outreach.Core.Invitations;

/// <summary>
/// What a do-not-contact entry may be, shared by every <see cref="ISuppressionList"/>: an address
/// (<c>name@example.com</c>) or a whole domain (<c>@example.com</c>), kept trimmed and lower-case.
/// </summary>
public static class SuppressionEntries
{
    /// <summary>True when <paramref name="entry"/> is an address or an "@domain" entry.</summary>
    public static bool IsValid(string? entry) => TryNormalize(entry, out _);

    /// <summary>The entry as stored and compared: trimmed, lower-case.</summary>
    /// <exception cref="ArgumentException">The entry is neither an address nor "@domain".</exception>
    public static string Normalize(string? entry, string parameterName = "entry") =>
        TryNormalize(entry, out var normalized)
            ? normalized
            : throw new ArgumentException(
                $"'{entry}' is not a do-not-contact entry: give an address (name@example.com) or a whole domain as '@example.com'.",
                parameterName);

    /// <summary>True for a domain entry ("@example.com"); expects a normalized entry.</summary>
    public static bool IsDomain(string normalizedEntry) => normalizedEntry.StartsWith('@');

    private static bool TryNormalize(string? entry, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(entry)) return false;
        var candidate = entry.Trim().ToLowerInvariant();

        // "@example.com" is valid exactly when "x@example.com" is an address: one '@', a dotted domain.
        var valid = candidate.StartsWith('@')
            ? EmailAddresses.IsValid("x" + candidate)
            : EmailAddresses.IsValid(candidate);
        if (valid) normalized = candidate;
        return valid;
    }
}
