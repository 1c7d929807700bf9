using Outreach.Core.Contacts;

namespace Outreach.Core.Invitations;

/// <summary>
/// What the scan needs to know of a mailbox's invitations: who was invited recently (status "invited")
/// and who declined (not to be invited again for a while). Built from the ledger.
/// </summary>
public sealed class InvitationHistory(IEnumerable<InvitationLedgerEntry> entries, int cooldownDays, int declinedCooldownDays)
{
    private readonly Dictionary<string, InvitationLedgerEntry> _byContact = entries
        .GroupBy(e => EmailAddresses.Normalize(e.Contact), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.ReservedAt).First(), StringComparer.Ordinal);

    public static InvitationHistory None { get; } = new([], 30, 180);

    public InvitationLedgerEntry? For(string contact) => _byContact.GetValueOrDefault(contact);

    /// <summary>
    /// True for the event of an Outreach invitation the contact has not accepted: it says we asked, not
    /// that a meeting is agreed, so it neither schedules nor "meets" the contact.
    /// </summary>
    public bool IsUnansweredInvitation(string eventId, string contact) =>
        _byContact.TryGetValue(contact, out var entry) && entry.EventId == eventId && entry.Status != InvitationStatus.Accepted;

    /// <summary>Invited within the cooldown and not answered with a decline: waiting.</summary>
    public bool IsAwaitingAnswer(InvitationLedgerEntry entry, DateTimeOffset asOf) =>
        ReservationPolicy.IsAwaitingAnswer(entry, asOf, cooldownDays);

    /// <summary>Declined within the declined cooldown: not to be invited again yet.</summary>
    public bool IsDeclinedRecently(InvitationLedgerEntry entry, DateTimeOffset asOf) =>
        ReservationPolicy.IsDeclinedRecently(entry, asOf, declinedCooldownDays);

    public DateTimeOffset DeclinedUntil(InvitationLedgerEntry entry) =>
        (entry.RespondedAt ?? entry.SentAt ?? entry.ReservedAt).AddDays(declinedCooldownDays);
}
