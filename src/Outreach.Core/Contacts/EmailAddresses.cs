using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Outreach.Core.Contacts;

/// <summary>
/// One place for how addresses compare: case-insensitively, trimmed, as a single canonical
/// lower-case string (one contact per address).
/// </summary>
public static class EmailAddresses
{
    /// <summary>RFC 5321 §4.5.3.1.3: a path holds at most 256 octets with its angle brackets, so 254 for the address.</summary>
    public const int MaxLength = 254;

    /// <summary>RFC 5321 §4.5.3.1.1: at most 64 octets before the @.</summary>
    public const int MaxLocalPartLength = 64;

    // Nothing at or below a space, no DEL, and none of Unicode's line breaks (NEL, LINE and PARAGRAPH SEPARATOR):
    // an address is one token, and downstream keys, file names, signed payloads and log lines rely on that.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x21).Select(c => (char)c), '\u007F', '\u0085', '\u2028', '\u2029']);

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>
    /// True for something shaped like local@domain.tld (what Exchange would route), within RFC 5321's lengths
    /// (<see cref="MaxLength"/> and <see cref="MaxLocalPartLength"/> UTF-8 octets once trimmed) and without
    /// control characters, spaces or line separators.
    /// </summary>
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
        if (trimmed.Length > MaxLength) return false; // a UTF-8 octet per char at least
        var at = trimmed.LastIndexOf('@');
        return at > 0
            && at < trimmed.Length - 3
            && trimmed.IndexOf('@') == at
            && !trimmed.ContainsAny(Forbidden)
            && trimmed[at..].IndexOf('.') > 1
            && trimmed[^1] != '.'
            && WithinOctetLimits(trimmed, at);
    }

    private static bool WithinOctetLimits(ReadOnlySpan<char> trimmed, int at)
    {
        if (Ascii.IsValid(trimmed)) return at <= MaxLocalPartLength;
        return at <= MaxLocalPartLength
            && Encoding.UTF8.GetByteCount(trimmed[..at]) <= MaxLocalPartLength
            && Encoding.UTF8.GetByteCount(trimmed) <= MaxLength;
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
