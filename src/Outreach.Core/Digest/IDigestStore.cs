namespace Outreach.Core.Digest;

/// <summary>
/// What the weekly digest keeps per mailbox (Azure Table Storage in the Functions app): one record per
/// ISO week, the owner's opt-out, and "not now" snoozes.
/// </summary>
public interface IDigestStore
{
    /// <summary>Conditional insert: true when the week had no digest (the caller may send), false otherwise.</summary>
    Task<bool> TryReserveAsync(DigestRecord record, CancellationToken cancellationToken);

    Task<DigestRecord?> GetAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken);

    /// <summary>
    /// The latest digest of a week before <paramref name="week"/> that may have reached the owner (sent or
    /// reserved), if any: failed weeks are skipped, so their contacts count as new the next week.
    /// </summary>
    Task<DigestRecord?> GetPreviousAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken);

    /// <summary>Replaces the record if unchanged since read (ETag); throws State.StateConflictException otherwise.</summary>
    Task<DigestRecord> UpdateAsync(DigestRecord record, CancellationToken cancellationToken);

    Task<bool> IsOptedOutAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>Opts the mailbox out (true) or back in (false); returns whether anything changed.</summary>
    Task<bool> SetOptedOutAsync(string mailbox, bool optedOut, CancellationToken cancellationToken);

    /// <summary>Keeps the contact out of digests until <paramref name="until"/> (a later snooze replaces an earlier one).</summary>
    Task SnoozeAsync(string mailbox, string contact, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The contacts snoozed beyond <paramref name="asOf"/>, with when each wakes up.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ListSnoozedAsync(string mailbox, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>Erases every record, opt-out and snooze of the mailbox; returns how many rows.</summary>
    Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken);
}
