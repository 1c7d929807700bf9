using System.Globalization;
using Outreach.Core.Invitations;

namespace Outreach.Core.Policy;

/// <summary>
/// Why a contact may or may not be contacted, in the order <see cref="MailboxEligibility.Check"/> decides:
/// the rules first (for good), then the ledger (for a while), then the digest's snooze.
/// </summary>
public enum EligibilityReason
{
    Eligible,

    /// <summary>Not an email address at all.</summary>
    NotAnAddress,

    /// <summary>On the do-not-contact list: the policy's, or the mailbox's own suppression list.</summary>
    DoNotContact,

    /// <summary>One of the owner's own addresses (the mailbox, its aliases, every From of Sent Items).</summary>
    OwnerAddress,

    /// <summary>At one of the owner's domains or a configured internal one (subdomains included).</summary>
    Internal,

    /// <summary>A machine: an automated local part (noreply@...) or mail whose headers said so.</summary>
    Automated,

    /// <summary>Declined an invitation within the declined cooldown.</summary>
    DeclinedRecently,

    /// <summary>
    /// An invitation is pending (reserved, not yet recorded as sent) within the cooldown. Older pending rows
    /// are left to the ledger's reservation, which alone decides whether they are resumed or block.
    /// </summary>
    Pending,

    /// <summary>Invited within the cooldown and not declined: waiting for an answer.</summary>
    Cooldown,

    /// <summary>"Not now" on a digest's review page: out of the digests until <see cref="Eligibility.Until"/>.</summary>
    Snoozed,

    /// <summary>
    /// Known only from a LinkedIn import (issue 13): the key is a profile URL, not an address, so no Outlook
    /// invitation can reach them. They may still be listed, with "ask on LinkedIn" (a link to the profile) instead.
    /// </summary>
    LinkedInOnly,
}

/// <summary>
/// The one answer to "may we contact this person?": eligible, or the typed reason not, with what it rests
/// on (the internal domain or automated reason in <see cref="Detail"/>, the ledger row in
/// <see cref="Invitation"/>, the snooze's end in <see cref="Until"/>). An early answer only: the ledger's
/// reservation (<see cref="IInvitationLedger.ReserveAsync"/>) stays the one gate for at-most-once.
/// </summary>
public readonly record struct Eligibility(EligibilityReason Reason, string? Detail = null, InvitationLedgerEntry? Invitation = null, DateTimeOffset? Until = null)
{
    public static Eligibility Eligible => default;

    public bool IsEligible => Reason == EligibilityReason.Eligible;

    /// <summary>May be listed (digest, review page): eligible, or LinkedIn-only, offered "ask on LinkedIn" instead of an invitation.</summary>
    public bool MayBeListed => Reason is EligibilityReason.Eligible or EligibilityReason.LinkedInOnly;

    /// <summary>Kept out for good by a rule (not by the passing of time): never flagged, listed nor invited.</summary>
    public bool IsExcluded => Reason is EligibilityReason.NotAnAddress or EligibilityReason.DoNotContact
        or EligibilityReason.OwnerAddress or EligibilityReason.Internal or EligibilityReason.Automated;

    /// <summary>
    /// The wire code of an invitation refused for this reason (<c>reasonCode</c>), or null when the reason
    /// refuses no invitation (eligible, or snoozed: a snooze only keeps a contact out of digests).
    /// </summary>
    public InvitationReasonCode? ReasonCode => Reason switch
    {
        EligibilityReason.DoNotContact => InvitationReasonCode.DoNotContact,
        EligibilityReason.NotAnAddress or EligibilityReason.OwnerAddress or EligibilityReason.Internal => InvitationReasonCode.NotExternal,
        EligibilityReason.Automated => InvitationReasonCode.Automated,
        EligibilityReason.DeclinedRecently => InvitationReasonCode.DeclinedRecently,
        EligibilityReason.Pending => InvitationReasonCode.InProgress,
        EligibilityReason.Cooldown => InvitationReasonCode.AlreadyInvited,
        EligibilityReason.LinkedInOnly => InvitationReasonCode.LinkedInOnly,
        _ => null,
    };

    /// <summary>The reason an invitation result gives for a rule exclusion (the wire text: never reworded).</summary>
    public string? ExclusionText => Reason switch
    {
        EligibilityReason.DoNotContact => EligibilityWording.DoNotContact,
        EligibilityReason.NotAnAddress or EligibilityReason.OwnerAddress or EligibilityReason.Internal => EligibilityWording.NotExternal,
        EligibilityReason.Automated => EligibilityWording.Automated,
        _ => null,
    };

    /// <summary>The reason of the eligibility a wire code stands for (the review page reads results by it).</summary>
    public static EligibilityReason? FromReasonCode(InvitationReasonCode? code) => code switch
    {
        InvitationReasonCode.DoNotContact => EligibilityReason.DoNotContact,
        InvitationReasonCode.NotExternal => EligibilityReason.Internal,
        InvitationReasonCode.Automated => EligibilityReason.Automated,
        InvitationReasonCode.DeclinedRecently => EligibilityReason.DeclinedRecently,
        InvitationReasonCode.InProgress => EligibilityReason.Pending,
        InvitationReasonCode.AlreadyInvited => EligibilityReason.Cooldown,
        InvitationReasonCode.LinkedInOnly => EligibilityReason.LinkedInOnly,
        _ => null,
    };
}

/// <summary>The English reasons of invitation results: part of the HTTP/CLI JSON contract, so never reworded.</summary>
public static class EligibilityWording
{
    public const string DoNotContact = "on the do-not-contact list";

    public const string NotExternal = "not an external contact";

    public const string Automated = "not a person (automated address)";

    public const string InProgress = "an invitation to this contact is being sent by another request";

    public const string LinkedInOnly = "known only on LinkedIn: an Outlook invitation needs an email address; ask on LinkedIn instead";

    public static string AlreadyInvited(InvitationLedgerEntry entry, int cooldownDays)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"already invited on {Day(entry.SentAt ?? entry.ReservedAt)} (cooldown {cooldownDays} days)";
    }

    public static string DeclinedRecently(InvitationLedgerEntry entry, int declinedCooldownDays)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = entry.RespondedAt ?? entry.SentAt ?? entry.ReservedAt;
        return $"declined an invitation on {Day(at)}; not invited again before {Day(at.AddDays(declinedCooldownDays))}";
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
