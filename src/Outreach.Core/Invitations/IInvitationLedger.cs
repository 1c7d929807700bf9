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
    /// Conditional insert: adds the entry when the contact has none (returns true), else changes nothing
    /// and returns false. When <paramref name="replacing"/> is given (an expired entry read earlier), the
    /// entry replaces it only if it is unchanged since (its ETag).
    /// </summary>
    Task<bool> TryReserveAsync(InvitationLedgerEntry entry, InvitationLedgerEntry? replacing, CancellationToken cancellationToken);

    /// <summary>Replaces the entry if unchanged since read (ETag); throws State.StateConflictException otherwise.</summary>
    Task<InvitationLedgerEntry> UpdateAsync(InvitationLedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Erases every entry of the mailbox; returns how many.</summary>
    Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken);
}
