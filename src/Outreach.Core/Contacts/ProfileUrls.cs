namespace Outreach.Core.Contacts;

/// <summary>
/// LinkedIn profile URLs (issue 13): how a LinkedIn-only contact's key is told from an address, and which URLs
/// may be offered as a link ("ask on LinkedIn"). One place, so the digest, the review page and the eligibility
/// decision agree.
/// </summary>
public static class ProfileUrls
{
    private const string LinkHost = "www.linkedin.com";

    /// <summary>
    /// True for a contact key that is a LinkedIn profile URL rather than an address: what an import uses as the
    /// identity of a person it has no address for. Accepts the key with or without its scheme.
    /// </summary>
    public static bool IsLinkedInKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || EmailAddresses.IsValid(key)) return false;
        var text = key.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Host.Equals("linkedin.com", StringComparison.OrdinalIgnoreCase)
                || uri.Host.EndsWith(".linkedin.com", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The URL as a link the digest and the review page may show, or null: only absolute
    /// <c>https://www.linkedin.com/</c> URLs on the default port without credentials, so an imported file can
    /// never put a <c>javascript:</c> or look-alike link in front of the owner. Callers still HTML-encode it.
    /// </summary>
    public static string? SafeLink(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttps || !uri.IsDefaultPort || uri.UserInfo.Length > 0) return null;
        if (!uri.Host.Equals(LinkHost, StringComparison.OrdinalIgnoreCase)) return null;
        return uri.AbsoluteUri;
    }
}
