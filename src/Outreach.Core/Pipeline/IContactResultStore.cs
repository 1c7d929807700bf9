using Outreach.Core.Policy;
using Outreach.Core.Reporting;

namespace Outreach.Core.Pipeline;

/// <summary>The latest evaluated contacts of each mailbox, as the HTTP API serves them.</summary>
public interface IContactResultStore
{
    /// <summary>
    /// Makes <paramref name="contacts"/> (ranked) the mailbox's current result. Idempotent: replaying the
    /// same scan's write leaves the same rows; contacts absent from this result are removed.
    /// </summary>
    Task ReplaceAsync(string mailbox, string scanId, IReadOnlyList<ContactAssessment> contacts, CancellationToken cancellationToken);

    /// <summary>The contacts in rank order, optionally only those with <paramref name="status"/>.</summary>
    Task<IReadOnlyList<ContactReport>> ListAsync(string mailbox, ContactStatus? status, CancellationToken cancellationToken);

    /// <summary>Deletes every contact row of the mailbox (erasure); returns how many.</summary>
    Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken);
}
