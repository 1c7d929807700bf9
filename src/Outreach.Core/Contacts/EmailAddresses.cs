namespace Outreach.Core.Contacts;

/// <summary>
/// One place for how addresses compare: case-insensitively, trimmed, as a single canonical
/// lower-case string (one contact per address).
/// </summary>
public static class EmailAddresses
{
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>True for something shaped like local@domain.tld (what Exchange would route).</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return false;
        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        return at > 0
            && at < trimmed.Length - 3
            && trimmed.IndexOf('@') == at
            && !trimmed.Contains(' ', StringComparison.Ordinal)
            && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.');
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
