namespace Outreach.Core.Invitations;

/// <summary>
/// The do-not-contact list a mailbox's owner manages (POST/DELETE /api/suppressions): addresses or
/// "@domain" entries, honoured by scans (excluded) and invitations (skipped). Configured entries
/// (Outreach:Policy:DoNotContact) apply on top.
/// </summary>
public interface ISuppressionList
{
    /// <summary>Adds the entry; true when it was not there.</summary>
    Task<bool> AddAsync(string mailbox, string entry, string? reason, CancellationToken cancellationToken);

    /// <summary>Removes the entry; true when it was there.</summary>
    Task<bool> RemoveAsync(string mailbox, string entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(string mailbox, CancellationToken cancellationToken);

    Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken);
}
