using System.Text.Json.Serialization;

namespace Outreach.Core.Invitations;

/// <summary>
/// The cooldown rules a reservation is decided by, as of one moment: a contact may be invited again only
/// when the ledger's current row for them is neither pending, nor an invitation within
/// <see cref="CooldownDays"/>, nor a decline within <see cref="DeclinedCooldownDays"/>. The ledger
/// applies these to the row it is about to replace, in the same conditional write, so a decision is
/// never taken on a stale read.
/// </summary>
public sealed record ReservationPolicy(DateTimeOffset AsOf, int CooldownDays, int DeclinedCooldownDays)
{
    public static ReservationPolicy From(InvitationOptions options, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ReservationPolicy(asOf, options.CooldownDays, options.DeclinedCooldownDays);
    }

    /// <summary>Why <paramref name="current"/> keeps the contact from a new invitation, or null when it may be replaced.</summary>
    public ReservationConflict? Blocking(InvitationLedgerEntry current)
    {
        ArgumentNullException.ThrowIfNull(current);

        // A pending row is an invitation in flight or one a crash left unfinished: only its own transactionId
        // may finish it (a resume), however old it is — replacing it could create a second event.
        if (current.Status == InvitationStatus.Pending) return ReservationConflict.Pending;
        if (IsDeclinedRecently(current, AsOf, DeclinedCooldownDays)) return ReservationConflict.DeclinedRecently;
        return IsAwaitingAnswer(current, AsOf, CooldownDays) ? ReservationConflict.AwaitingAnswer : null;
    }

    /// <summary>Invited within the cooldown and not answered with a decline: waiting.</summary>
    internal static bool IsAwaitingAnswer(InvitationLedgerEntry entry, DateTimeOffset asOf, int cooldownDays) =>
        entry.Status is InvitationStatus.Pending or InvitationStatus.Sent or InvitationStatus.NoResponse or InvitationStatus.Accepted
        && asOf - (entry.SentAt ?? entry.ReservedAt) <= TimeSpan.FromDays(cooldownDays);

    /// <summary>Declined within the declined cooldown: not to be invited again yet.</summary>
    internal static bool IsDeclinedRecently(InvitationLedgerEntry entry, DateTimeOffset asOf, int declinedCooldownDays) =>
        entry.Status == InvitationStatus.Declined
        && asOf - (entry.RespondedAt ?? entry.SentAt ?? entry.ReservedAt) <= TimeSpan.FromDays(declinedCooldownDays);
}

/// <summary>What kept a reservation from being taken.</summary>
public enum ReservationConflict
{
    /// <summary>Another invitation of the contact is pending (being sent, or left unfinished by a crash).</summary>
    Pending,

    /// <summary>The contact was invited within the cooldown.</summary>
    AwaitingAnswer,

    /// <summary>The contact declined within the declined cooldown.</summary>
    DeclinedRecently,
}

/// <summary>
/// The answer of <see cref="IInvitationLedger.ReserveAsync"/>: when <see cref="Reserved"/>, <see cref="Entry"/>
/// is the stored reservation with its ETag; otherwise it is the current row that blocks the contact, and
/// <see cref="Conflict"/> says why.
/// </summary>
public sealed record InvitationReservation(bool Reserved, InvitationLedgerEntry Entry, ReservationConflict? Conflict)
{
    public static InvitationReservation Taken(InvitationLedgerEntry stored) => new(true, stored, null);

    public static InvitationReservation Refused(InvitationLedgerEntry current, ReservationConflict conflict) => new(false, current, conflict);
}

/// <summary>
/// Why a contact got no invitation, as a stable code callers can branch on (the reason text is for people
/// and may change). JSON: <c>reasonCode</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<InvitationReasonCode>))]
public enum InvitationReasonCode
{
    [JsonStringEnumMemberName("do-not-contact")] DoNotContact,
    [JsonStringEnumMemberName("not-external")] NotExternal,
    [JsonStringEnumMemberName("automated")] Automated,

    /// <summary>Invited within the cooldown (by any path, with any idempotency key).</summary>
    [JsonStringEnumMemberName("already-invited")] AlreadyInvited,
    [JsonStringEnumMemberName("declined-recently")] DeclinedRecently,

    /// <summary>Another request holds the contact's reservation and is sending its invitation now.</summary>
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("no-free-slot")] NoFreeSlot,
    [JsonStringEnumMemberName("mailbox-unavailable")] MailboxUnavailable,

    /// <summary>Known only from a LinkedIn import, with no address (issue 13): ask on LinkedIn instead.</summary>
    [JsonStringEnumMemberName("linkedin-only")] LinkedInOnly,
}
