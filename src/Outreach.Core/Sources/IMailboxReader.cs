namespace Outreach.Core.Sources;

/// <summary>
/// Reads one mailbox's mail and calendar as change feeds. Given no cursor, a feed starts a full sync;
/// given the cursor of a page, it continues from there (a crashed run resumes; a finished one is incremental).
/// </summary>
public interface IMailboxReader
{
    /// <param name="receivedSince">Only used by a full sync: older messages cannot affect the rules.</param>
    IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
        string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, CancellationToken cancellationToken);

    /// <param name="window">Only used by a full sync; a cursor carries its own window.</param>
    IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
        string mailbox, CalendarWindow window, string? cursor, CancellationToken cancellationToken);
}
