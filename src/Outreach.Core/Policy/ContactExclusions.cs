using Outreach.Core.Contacts;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Policy;

public enum ExclusionKind
{
    Internal,
    Automated,
    DoNotContact,
}

public sealed record Exclusion(ExclusionKind Kind, string Reason);

/// <summary>
/// The one place that decides who is never flagged nor invited: internal addresses (the owner's domains
/// and configured ones, subdomains included), automated senders, and the do-not-contact list. It is the
/// rule part of <see cref="MailboxEligibility"/>, which the scan, the invitations and the digest all ask,
/// so they can never disagree.
/// </summary>
public sealed class ContactExclusions
{
    private readonly string[] _internalDomains;
    private readonly IReadOnlyList<string> _automatedLocalParts;
    private readonly HashSet<string> _doNotContactAddresses;
    private readonly string[] _doNotContactDomains;

    /// <param name="ownerDomains">The mailbox's own domains (always internal).</param>
    /// <param name="doNotContact">Addresses or "@domain" entries: the policy's plus the mailbox's own list.</param>
    public ContactExclusions(WarmthPolicyOptions policy, IEnumerable<string> ownerDomains, IEnumerable<string> doNotContact)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _internalDomains = [.. ownerDomains.Concat(policy.InternalDomains).Select(Domain).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)];
        _automatedLocalParts = policy.AutomatedLocalParts;
        var entries = doNotContact.Select(e => e.Trim()).ToList();
        _doNotContactAddresses = entries.Where(e => !e.StartsWith('@')).Select(EmailAddresses.Normalize).ToHashSet(StringComparer.Ordinal);
        _doNotContactDomains = [.. entries.Where(e => e.StartsWith('@')).Select(Domain)];
    }

    /// <param name="automatedHeaderReason">Why this sender's mail looked machine-sent, if it ever did.</param>
    public IReadOnlyList<Exclusion> Of(string normalizedAddress, string? automatedHeaderReason = null)
    {
        var exclusions = new List<Exclusion>();
        var domain = EmailAddresses.Domain(normalizedAddress);
        if (_internalDomains.FirstOrDefault(d => EmailAddresses.IsSameOrSubdomain(domain, d)) is { } internalDomain)
        {
            exclusions.Add(new(ExclusionKind.Internal, $"internal ({internalDomain})"));
        }

        if (AutomatedSenderRules.IsAutomatedLocalPart(normalizedAddress, _automatedLocalParts))
        {
            exclusions.Add(new(ExclusionKind.Automated, $"automated sender ({EmailAddresses.LocalPart(normalizedAddress)}@ address)"));
        }
        else if (automatedHeaderReason is not null)
        {
            exclusions.Add(new(ExclusionKind.Automated, $"automated sender ({automatedHeaderReason})"));
        }

        if (IsDoNotContact(normalizedAddress, domain))
        {
            exclusions.Add(new(ExclusionKind.DoNotContact, "on the do-not-contact list"));
        }

        return exclusions;
    }

    /// <summary>
    /// The one exclusion that answers "may we contact them?", without allocating when there is none: the
    /// do-not-contact list first (the owner's own word), then internal, then automated — the order the
    /// invitation results have always used. <paramref name="detail"/> is the internal domain or the
    /// automated reason (the words <see cref="Of"/> puts in brackets).
    /// </summary>
    public bool TryFirst(string normalizedAddress, string? automatedHeaderReason, out ExclusionKind kind, out string? detail)
    {
        // Spans, not EmailAddresses.Domain/LocalPart: the same answers without a substring per contact.
        var at = normalizedAddress.LastIndexOf('@');
        var domain = at < 0 ? [] : normalizedAddress.AsSpan(at + 1);
        if (_doNotContactAddresses.Contains(normalizedAddress) || AnySameOrParent(domain, _doNotContactDomains))
        {
            (kind, detail) = (ExclusionKind.DoNotContact, null);
            return true;
        }

        foreach (var internalDomain in _internalDomains)
        {
            if (IsSameOrSubdomain(domain, internalDomain))
            {
                (kind, detail) = (ExclusionKind.Internal, internalDomain);
                return true;
            }
        }

        var local = at < 0 ? normalizedAddress.AsSpan() : normalizedAddress.AsSpan(0, at);
        if (local.IndexOf('+') is var plus and >= 0) local = local[..plus];
        for (var i = 0; i < _automatedLocalParts.Count; i++)
        {
            if (local.Equals(_automatedLocalParts[i], StringComparison.OrdinalIgnoreCase))
            {
                (kind, detail) = (ExclusionKind.Automated, $"{local}@ address");
                return true;
            }
        }

        if (automatedHeaderReason is not null)
        {
            (kind, detail) = (ExclusionKind.Automated, automatedHeaderReason);
            return true;
        }

        (kind, detail) = (default, null);
        return false;
    }

    private bool IsDoNotContact(string normalizedAddress, string domain) =>
        _doNotContactAddresses.Contains(normalizedAddress) || AnySameOrParent(domain, _doNotContactDomains);

    private static bool AnySameOrParent(ReadOnlySpan<char> domain, string[] parents)
    {
        foreach (var parent in parents)
        {
            if (IsSameOrSubdomain(domain, parent)) return true;
        }

        return false;
    }

    /// <summary><see cref="EmailAddresses.IsSameOrSubdomain"/> on a span: equal, or ending in "." + parent.</summary>
    private static bool IsSameOrSubdomain(ReadOnlySpan<char> domain, string parent) =>
        domain.Equals(parent, StringComparison.OrdinalIgnoreCase)
        || (domain.Length > parent.Length && domain[domain.Length - parent.Length - 1] == '.' && domain.EndsWith(parent, StringComparison.OrdinalIgnoreCase));

    private static string Domain(string value) => value.Trim().TrimStart('@').ToLowerInvariant();
}
