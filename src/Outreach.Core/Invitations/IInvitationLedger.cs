namespace Outreach.Core.Invitations;

/// <summary>
/// The invitation ledger (Azure Table Storage in the Functions app, a local file in the CLI). One row per
/// (mailbox, contact): the latest invitation; older ones are replaced when a new one is reserved.
/// </summary>
public interface IInvitationLedger
{
    Task<InvitationLedgerEntry?> GetAsync(string mailbox, string contact, CancellationToken cancellationToken);

    /// <summary>All entries of the mailbox (for follow-ups and the scan's "invited" status).</summary>
    Task<IReadOnlyList<InvitationLedgerEntry>> ListAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves the contact for a new invitation in one conditional write, the only gate before anything
    /// is sent: inserts <paramref name="entry"/> when the contact has no row; otherwise reads the current
    /// row, judges it by <paramref name="policy"/> (pending, invited or declined recently: refused) and
    /// replaces it only if it is still exactly that row (its ETag), trying again when it changed meanwhile.
    /// So of any number of concurrent reservations of one contact — whatever their idempotency keys —
    /// at most one is taken within the cooldown. Refused: <see cref="InvitationReservation.Entry"/> is the
    /// row that blocks.
    /// </summary>
    Task<InvitationReservation> ReserveAsync(InvitationLedgerEntry entry, ReservationPolicy policy, CancellationToken cancellationToken);

    /// <summary>Replaces the entry if unchanged since read (ETag); throws State.StateConflictException otherwise.</summary>
    Task<InvitationLedgerEntry> UpdateAsync(InvitationLedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Erases every entry of the mailbox; returns how many.</summary>
    Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken);
}
