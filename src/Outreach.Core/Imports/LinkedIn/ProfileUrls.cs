using System.Diagnostics.CodeAnalysis;

namespace Outreach.Core.Imports.LinkedIn;

/// <summary>
/// One form per LinkedIn profile, so the same person in Connections.csv and messages.csv (and in two exports) is
/// one contact: https, host www.linkedin.com, lower-case path, no query, fragment or trailing slash. Exports write
/// "https://www.linkedin.com/in/dana-w", older ones "http://linkedin.com/in/Dana-W/", some "www.linkedin.com/in/…"
/// without a scheme; all of them become "https://www.linkedin.com/in/dana-w".
/// </summary>
public static class ProfileUrls
{
    /// <summary>Longer than any real profile URL; a longer value is not one (and would bloat keys).</summary>
    public const int MaxLength = 400;

    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return false;
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;

        var host = uri.Host.ToLowerInvariant();
        // linkedin.com and its country or mobile subdomains (uk., de., m.) are one site.
        if (host != "linkedin.com" && !host.EndsWith(".linkedin.com", StringComparison.Ordinal)) return false;

        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/').ToLowerInvariant();
        if (path.Length <= 1 || path.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return false;
        normalized = "https://www.linkedin.com" + path;
        return true;
    }

    /// <summary>True for a value <see cref="TryNormalize"/> produced (what a LinkedIn-only contact's key looks like).</summary>
    public static bool IsProfileKey(string? contactKey) =>
        contactKey is not null && contactKey.StartsWith("https://www.linkedin.com/", StringComparison.Ordinal);
}
