using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Core.Policy;

/// <summary>
/// Who one mailbox may contact, as of one moment: everything the decision needs (the owner's addresses
/// and domains, the rules, the do-not-contact lists, the invitation ledger, the digest's snoozes) read
/// once, so that any number of contacts are answered without touching a store again — the scan's
/// evaluator asks it for every address of a mailbox. Built by <see cref="ContactEligibility"/> (from the
/// stores) or <see cref="ForState"/> (from a scan's own state).
/// </summary>
public sealed class MailboxEligibility
{
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoSnoozes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    private readonly HashSet<string> _owners;
    private readonly IReadOnlyDictionary<string, DateTimeOffset> _snoozed;

    /// <param name="mailbox">The mailbox (normalized): always one of the owner's addresses.</param>
    /// <param name="state">The harvested state, whose owner addresses (aliases, every From of Sent Items) count too.</param>
    /// <param name="doNotContact">Addresses or "@domain" entries: the policy's plus the mailbox's own list.</param>
    /// <param name="snoozed">The digest's snoozes still running at <paramref name="asOf"/>, when the caller reads them.</param>
    public MailboxEligibility(
        WarmthPolicyOptions policy, string mailbox, MailboxState? state, IEnumerable<string> doNotContact,
        InvitationHistory? invitations, DateTimeOffset asOf, IReadOnlyDictionary<string, DateTimeOffset>? snoozed = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _owners = OwnerAddresses(mailbox, state);
        Exclusions = new ContactExclusions(policy, _owners.Select(EmailAddresses.Domain), doNotContact);
        Invitations = invitations ?? InvitationHistory.None;
        AsOf = asOf;
        _snoozed = snoozed ?? NoSnoozes;
    }

    /// <summary>The rules part (internal, automated, do-not-contact), every reason of a contact at once.</summary>
    public ContactExclusions Exclusions { get; }

    public InvitationHistory Invitations { get; }

    public DateTimeOffset AsOf { get; }

    /// <summary>
    /// The owner's addresses, the one source of the owner's domains everywhere: the mailbox itself and
    /// every owner address of its harvested state (configured aliases, every From of Sent Items).
    /// </summary>
    public static HashSet<string> OwnerAddresses(string? mailbox, MailboxState? state)
    {
        var owners = new HashSet<string>(state?.OwnerAddresses ?? [], StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(mailbox)) owners.Add(EmailAddresses.Normalize(mailbox));
        return owners;
    }

    /// <summary>
    /// The scan's form: the state's own owner addresses, the policy's do-not-contact list (a scan request
    /// already folds the mailbox's suppression list into it) and the invitations the scan was given.
    /// </summary>
    public static MailboxEligibility ForState(WarmthPolicyOptions policy, MailboxState state, DateTimeOffset asOf, InvitationHistory? invitations = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(state);
        return new MailboxEligibility(policy, state.Mailbox, state, policy.DoNotContact, invitations, asOf);
    }

    public bool IsOwner(string normalizedAddress) => _owners.Contains(normalizedAddress);

    /// <summary>
    /// What a key that is not an address is, before any list is read: a LinkedIn-only contact's profile URL, or not
    /// a contact at all. What an invitation request is told when it names one (no store needed to refuse it).
    /// </summary>
    public static EligibilityReason OfNonAddress(string key) =>
        ProfileUrls.IsLinkedInKey(key) ? EligibilityReason.LinkedInOnly : EligibilityReason.NotAnAddress;

    /// <summary>
    /// A key that is not an address: a LinkedIn-only contact's profile URL (issue 13) — on the do-not-contact list,
    /// snoozed, or LinkedIn-only (listed with "ask on LinkedIn", never invited) — or not a contact at all.
    /// </summary>
    private Eligibility CheckNonAddress(string key)
    {
        if (OfNonAddress(key) == EligibilityReason.NotAnAddress) return new Eligibility(EligibilityReason.NotAnAddress);
        if (Exclusions.TryFirst(key, null, out var kind, out _) && kind == ExclusionKind.DoNotContact) return new Eligibility(EligibilityReason.DoNotContact);
        return _snoozed.TryGetValue(key, out var until)
            ? new Eligibility(EligibilityReason.Snoozed, Until: until)
            : new Eligibility(EligibilityReason.LinkedInOnly);
    }

    /// <summary>
    /// The first reason <paramref name="normalizedContact"/> may not be contacted, or eligible. Allocates
    /// nothing for an eligible contact (the scan asks for every address of a mailbox).
    /// </summary>
    /// <param name="automatedHeaderReason">Why this sender's mail looked machine-sent, if it ever did.</param>
    public Eligibility Check(string normalizedContact, string? automatedHeaderReason = null)
    {
        if (!EmailAddresses.IsValid(normalizedContact)) return CheckNonAddress(normalizedContact);
        var excluded = Exclusions.TryFirst(normalizedContact, automatedHeaderReason, out var kind, out var detail);
        if (excluded && kind == ExclusionKind.DoNotContact) return new Eligibility(EligibilityReason.DoNotContact);
        if (_owners.Contains(normalizedContact)) return new Eligibility(EligibilityReason.OwnerAddress);
        if (excluded)
        {
            return new Eligibility(kind == ExclusionKind.Internal ? EligibilityReason.Internal : EligibilityReason.Automated, detail);
        }

        if (Invitations.For(normalizedContact) is { } entry)
        {
            if (Invitations.IsDeclinedRecently(entry, AsOf))
            {
                return new Eligibility(EligibilityReason.DeclinedRecently, Invitation: entry, Until: Invitations.DeclinedUntil(entry));
            }

            if (Invitations.IsAwaitingAnswer(entry, AsOf))
            {
                return new Eligibility(entry.Status == InvitationStatus.Pending ? EligibilityReason.Pending : EligibilityReason.Cooldown, Invitation: entry);
            }
        }

        return _snoozed.TryGetValue(normalizedContact, out var until) ? new Eligibility(EligibilityReason.Snoozed, Until: until) : Eligibility.Eligible;
    }
}
