using Microsoft.Extensions.Logging;

namespace Outreach.Core.Scanning;

/// <summary>Scan logging. Mailboxes are redacted at Information level; contact addresses are never logged.</summary>
internal static partial class ScanLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Scan of {Mailbox} started ({Mode}) as of {AsOf:o}")]
    public static partial void ScanStarted(ILogger logger, string mailbox, string mode, DateTimeOffset asOf);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Scan of {Mailbox} finished in {ElapsedMs} ms: {Pages} pages, {Messages} messages, {Events} events; {Flagged} flagged of {Contacts} contacts")]
    public static partial void ScanFinished(ILogger logger, string mailbox, long elapsedMs, int pages, int messages, int events, int flagged, int contacts);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Calendar window of {Mailbox} moved to {Start:o}..{End:o}; the calendar is synced afresh")]
    public static partial void CalendarWindowMoved(ILogger logger, string mailbox, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "The {Stream} cursor of {Mailbox} expired; that feed is synced afresh")]
    public static partial void CursorExpired(ILogger logger, string stream, string mailbox);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Checkpoint of {Mailbox} saved after {Pages} pages")]
    public static partial void Checkpointed(ILogger logger, string mailbox, int pages);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "The {Stream} feed of {Mailbox} repeated a page link; that feed is synced afresh once")]
    public static partial void FeedLooped(ILogger logger, string stream, string mailbox);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "The {Stream} feed of {Mailbox} could not read its whole window; the scan is marked incomplete")]
    public static partial void FeedIncomplete(ILogger logger, string stream, string mailbox);
}
