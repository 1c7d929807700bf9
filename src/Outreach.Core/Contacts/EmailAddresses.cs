using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Outreach.Core.Contacts;

/// <summary>
/// One place for how addresses compare: case-insensitively, trimmed, as a single canonical
/// lower-case string (one contact per address).
/// </summary>
public static class EmailAddresses
{
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>True for something shaped like local@domain.tld (what Exchange would route).</summary>
    public static bool IsValid(string? address) => address is not null && IsValidTrimmed(address.AsSpan().Trim());

    /// <summary>
    /// <see cref="IsValid"/> and <see cref="Normalize"/> in one call, for the per-message paths: an address that is
    /// already plain (ASCII, lower-case, nothing to trim — nearly all mail) is checked in place and returned as the
    /// same instance; anything else takes the two-step path, so the answer is always exactly theirs.
    /// </summary>
    public static bool TryNormalize(string? address, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrEmpty(address)) return false;
        var span = address.AsSpan();
        if (span[0] > ' ' && span[^1] > ' ' && Ascii.IsValid(span) && !span.ContainsAnyInRange('A', 'Z'))
        {
            // Trim() and ToLowerInvariant() would both return this very string.
            if (!IsValidTrimmed(span)) return false;
            normalized = address;
            return true;
        }

        if (!IsValid(address)) return false;
        normalized = Normalize(address);
        return true;
    }

    private static bool IsValidTrimmed(ReadOnlySpan<char> trimmed)
    {
        var at = trimmed.LastIndexOf('@');
        return at > 0
            && at < trimmed.Length - 3
            && trimmed.IndexOf('@') == at
            && !trimmed.Contains(' ')
            && trimmed[at..].IndexOf('.') > 1
            && trimmed[^1] != '.';
    }

    public static string Domain(string normalizedAddress)
    {
        var at = normalizedAddress.LastIndexOf('@');
        return at < 0 ? string.Empty : normalizedAddress[(at + 1)..];
    }

    /// <summary>The local part without a "+tag" (noreply+bounce@x is still noreply).</summary>
    public static string LocalPart(string normalizedAddress)
    {
        var at = normalizedAddress.LastIndexOf('@');
        var local = at < 0 ? normalizedAddress : normalizedAddress[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? local : local[..plus];
    }

    /// <summary>True when <paramref name="domain"/> is <paramref name="parent"/> or one of its subdomains.</summary>
    public static bool IsSameOrSubdomain(string domain, string parent) =>
        domain.Equals(parent, StringComparison.OrdinalIgnoreCase)
        || domain.EndsWith("." + parent, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "dana.whitfield@fabrikam.com" becomes "d…d@fabrikam.com": enough to tell contacts apart in a log,
    /// not enough to harvest addresses from one.
    /// </summary>
    public static string Redact(string address)
    {
        var normalized = Normalize(address);
        var at = normalized.LastIndexOf('@');
        if (at <= 0) return "…";
        var local = normalized[..at];
        var shown = local.Length <= 2 ? local[..1] + "…" : $"{local[0]}…{local[^1]}";
        return shown + normalized[at..];
    }
}
