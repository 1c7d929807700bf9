namespace Outreach.Core.Pipeline;

/// <summary>Where scans and their outcomes are kept (Azure Table Storage in the Functions app).</summary>
public interface IScanRecordStore
{
    /// <summary>Adds the record; returns false (and changes nothing) when a scan with that id exists.</summary>
    Task<bool> TryCreateAsync(ScanRecord record, CancellationToken cancellationToken);

    Task<ScanRecord?> GetAsync(string scanId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the record if it is unchanged since read (its <see cref="ScanRecord.ETag"/>); throws
    /// <see cref="State.StateConflictException"/> otherwise. Returns the record with its new ETag.
    /// </summary>
    Task<ScanRecord> UpdateAsync(ScanRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes every scan of the mailbox (erasure); returns how many.</summary>
    Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken);
}
