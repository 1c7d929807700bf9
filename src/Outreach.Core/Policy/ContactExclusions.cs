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
/// and configured ones, subdomains included), automated senders, and the do-not-contact list. The scan
/// and the invitation service both ask it, so they can never disagree.
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

        if (_doNotContactAddresses.Contains(normalizedAddress) || _doNotContactDomains.Any(d => EmailAddresses.IsSameOrSubdomain(domain, d)))
        {
            exclusions.Add(new(ExclusionKind.DoNotContact, "on the do-not-contact list"));
        }

        return exclusions;
    }

    private static string Domain(string value) => value.Trim().TrimStart('@').ToLowerInvariant();
}
