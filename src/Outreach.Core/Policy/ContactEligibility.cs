using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Digest;
using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Core.Policy;

/// <summary>
/// The one decision of who may be contacted, read from the stores: the invitations, the digest and the
/// review page ask it (the scan asks <see cref="MailboxEligibility.ForState"/> with the state it holds),
/// so they take the owner's domains, the do-not-contact lists, the cooldowns and the snoozes from the
/// same places. An early answer: the ledger's reservation stays the only gate for at-most-once.
/// </summary>
/// <param name="snoozes">The digest store, for its snoozes; absent in a host without digests (no snoozes then).</param>
public sealed class ContactEligibility(
    IMailboxStateStore states,
    ISuppressionList suppressions,
    IInvitationLedger ledger,
    IOptions<WarmthPolicyOptions> policy,
    IOptions<InvitationOptions> invitationOptions,
    IDigestStore? snoozes = null)
{
    /// <summary>One contact's answer (reads every store: for many contacts, use <see cref="ForMailboxAsync(string, DateTimeOffset, CancellationToken)"/>).</summary>
    public async Task<Eligibility> CheckAsync(string mailbox, string contact, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return (await ForMailboxAsync(mailbox, asOf, cancellationToken)).Check(EmailAddresses.Normalize(contact));
    }

    /// <summary>Everything the decision needs for one mailbox, read once: snoozes included.</summary>
    public async Task<MailboxEligibility> ForMailboxAsync(string mailbox, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        var state = await states.LoadAsync(normalized, cancellationToken);
        return await ForMailboxAsync(normalized, state, asOf, includeSnoozes: true, cancellationToken);
    }

    /// <summary>
    /// The same, with the state the caller has already loaded; without snoozes when
    /// <paramref name="includeSnoozes"/> is false (an invitation asked for by name goes ahead whatever the
    /// digest was told: a snooze only keeps a contact out of digests).
    /// </summary>
    public async Task<MailboxEligibility> ForMailboxAsync(string mailbox, MailboxState? state, DateTimeOffset asOf, bool includeSnoozes, CancellationToken cancellationToken)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        var settings = invitationOptions.Value;
        var doNotContact = policy.Value.DoNotContact.Concat(await suppressions.ListAsync(normalized, cancellationToken)).ToList();
        var history = new InvitationHistory(await ledger.ListAsync(normalized, cancellationToken), settings.CooldownDays, settings.DeclinedCooldownDays);
        var snoozed = includeSnoozes && snoozes is not null ? await snoozes.ListSnoozedAsync(normalized, asOf, cancellationToken) : null;
        return new MailboxEligibility(policy.Value, normalized, state, doNotContact, history, asOf, snoozed);
    }
}
