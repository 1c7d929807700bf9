using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.Sources;

namespace Outreach.Core.Digest;

/// <summary>What the owner chose for one contact on the review page.</summary>
public enum ReviewChoice
{
    /// <summary>The default: nothing happens.</summary>
    Leave,
    Video,
    InPerson,
    /// <summary>Out of the digests for <see cref="DigestOptions.SnoozeDays"/>.</summary>
    NotNow,
    /// <summary>Onto the do-not-contact list.</summary>
    Never,
}

public sealed record ReviewDecision(string Contact, ReviewChoice Choice, string? Location = null);

public enum ReviewOutcomeKind
{
    Invited,
    AlreadyInvited,
    NotInvited,
    Failed,
    Snoozed,
    DoNotContact,
    Left,
}

/// <summary>One contact's result, in words the page shows.</summary>
public sealed record ReviewOutcome(DigestContact Contact, ReviewChoice Choice, ReviewOutcomeKind Kind, string Message);

/// <summary>
/// Applies the owner's choices from a digest's review page: invitations through the one
/// <see cref="InvitationService"/> (same ledger, same rules), idempotent per link — the idempotency key is
/// derived from the link, so a resubmitted form answers with the first invitation instead of a second —
/// "not now" as a snooze, "never" onto the do-not-contact list.
/// </summary>
public sealed class DigestReview(
    IDigestStore store,
    ISuppressionList suppressions,
    IInvitationLedger ledger,
    InvitationService invitations,
    IOptions<DigestOptions> options,
    IOptions<InvitationOptions> invitationOptions,
    TimeProvider time,
    ILogger<DigestReview> logger)
{
    public async Task<IReadOnlyList<ReviewOutcome>> ApplyAsync(ReviewLink link, DigestRecord digest, IReadOnlyList<ReviewDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(digest);
        var byContact = digest.Contacts.ToDictionary(c => c.Email, StringComparer.Ordinal);
        var outcomes = new Dictionary<string, ReviewOutcome>(StringComparer.Ordinal);
        var key = "digest-" + link.Week + "-" + link.Signature[..Math.Min(16, link.Signature.Length)];
        var now = time.GetUtcNow();

        // A resubmitted form (back button, double click, a scanner replaying the POST): what this link already
        // sent is reported, not sent again. The service would answer the same, this says it plainly.
        var invite = new List<ReviewDecision>();
        foreach (var decision in decisions.Where(d => d.Choice is ReviewChoice.Video or ReviewChoice.InPerson))
        {
            var entry = await ledger.GetAsync(link.Mailbox, decision.Contact, cancellationToken);
            if (entry is { Status: not InvitationStatus.Pending } && entry.IdempotencyKey == key)
            {
                outcomes[decision.Contact] = new ReviewOutcome(byContact[decision.Contact], decision.Choice, ReviewOutcomeKind.AlreadyInvited,
                    $"Already sent from this page on {When(entry.SentAt ?? entry.ReservedAt)} (UTC); not sent again.");
            }
            else invite.Add(decision);
        }

        // One request per mode and place (so each contact gets its own slot), within the per-request cap.
        foreach (var group in invite
                     .GroupBy(d => (d.Choice, Location: d.Location?.Trim() ?? ""))
                     .SelectMany(g => g.Chunk(invitationOptions.Value.MaxContactsPerRequest).Select(chunk => (g.Key, Contacts: chunk))))
        {
            var contacts = group.Contacts.Select(d => d.Contact).ToList();
            var mode = group.Key.Choice == ReviewChoice.Video ? InvitationMode.Video : InvitationMode.InPerson;
            try
            {
                var response = await invitations.SendAsync(new InvitationRequest(link.Mailbox, contacts, mode)
                {
                    Location = group.Key.Location.Length == 0 ? null : group.Key.Location,
                    IdempotencyKey = key,
                }, cancellationToken);
                foreach (var result in response.Results)
                {
                    outcomes[result.Contact] = Invited(byContact[result.Contact], group.Key.Choice, result, now);
                }
            }
            catch (Exception error) when (error is InvitationRequestException or MailboxAccessException)
            {
                foreach (var contact in contacts)
                {
                    outcomes[contact] = new ReviewOutcome(byContact[contact], group.Key.Choice, ReviewOutcomeKind.Failed, $"Not sent: {error.Message}");
                }
            }
        }

        foreach (var decision in decisions)
        {
            var contact = byContact[decision.Contact];
            switch (decision.Choice)
            {
                case ReviewChoice.NotNow:
                    var until = now.AddDays(options.Value.SnoozeDays);
                    await store.SnoozeAsync(link.Mailbox, decision.Contact, until, cancellationToken);
                    outcomes[decision.Contact] = new ReviewOutcome(contact, decision.Choice, ReviewOutcomeKind.Snoozed, $"Not now: out of your digests until {Day(until)}.");
                    break;
                case ReviewChoice.Never:
                    await suppressions.AddAsync(link.Mailbox, decision.Contact, "weekly digest: never", cancellationToken);
                    outcomes[decision.Contact] = new ReviewOutcome(contact, decision.Choice, ReviewOutcomeKind.DoNotContact, "Never: on your do-not-contact list; Outreach will not suggest or invite them.");
                    break;
                case ReviewChoice.Leave:
                    outcomes[decision.Contact] = new ReviewOutcome(contact, decision.Choice, ReviewOutcomeKind.Left, "Left as it is.");
                    break;
            }
        }

        var ordered = decisions.Select(d => outcomes[d.Contact]).ToList();
        DigestLog.Reviewed(logger, EmailAddresses.Redact(link.Mailbox), link.Week.ToString(),
            ordered.Count(o => o.Kind == ReviewOutcomeKind.Invited), ordered.Count(o => o.Kind == ReviewOutcomeKind.Snoozed),
            ordered.Count(o => o.Kind == ReviewOutcomeKind.DoNotContact), ordered.Count(o => o.Kind == ReviewOutcomeKind.Left));
        return ordered;
    }

    private static ReviewOutcome Invited(DigestContact contact, ReviewChoice choice, InvitationResult result, DateTimeOffset now) => result.Outcome switch
    {
        InvitationOutcome.Created when result.Start is { } start => new ReviewOutcome(contact, choice, ReviewOutcomeKind.Invited,
            $"Invitation sent: {(choice == ReviewChoice.Video ? "Teams call" : "meeting")} on {When(start)} (UTC)."),
        InvitationOutcome.Created => new ReviewOutcome(contact, choice, ReviewOutcomeKind.Invited, "Invitation sent."),
        // Read by the typed eligibility reason behind the result's code, never by its English text.
        InvitationOutcome.Skipped when Eligibility.FromReasonCode(result.ReasonCode) is EligibilityReason.Cooldown or EligibilityReason.Pending =>
            new ReviewOutcome(contact, choice, ReviewOutcomeKind.AlreadyInvited, $"Not sent again: {result.Reason}."),
        InvitationOutcome.Skipped => new ReviewOutcome(contact, choice, ReviewOutcomeKind.NotInvited, $"Not sent: {result.Reason}."),
        _ => new ReviewOutcome(contact, choice, ReviewOutcomeKind.Failed, $"Failed: {result.Reason}."),
    };

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}
