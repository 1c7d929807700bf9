using Microsoft.Extensions.Logging;

namespace Outreach.Core.Pipeline;

/// <summary>Pipeline logging: scan ids and redacted mailboxes at Information level, never contacts.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Queued {Count} scans ({Trigger})")]
    public static partial void ScansQueued(ILogger logger, int count, string trigger);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scan {ScanId} of {Mailbox}: harvested {Pages} pages with {GraphRequests} Graph requests ({Mode})")]
    public static partial void Harvested(ILogger logger, string scanId, string mailbox, int pages, int graphRequests, string mode);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Scan {ScanId} of {Mailbox} completed: {Flagged} flagged of {Contacts} contacts in {DurationMs} ms")]
    public static partial void Completed(ILogger logger, string scanId, string mailbox, int flagged, int contacts, long durationMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Scan {ScanId} of {Mailbox} failed ({Failure}): {Reason}")]
    public static partial void Failed(ILogger logger, string scanId, string mailbox, string failure, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Scan {ScanId} already {State}; the repeated {Stage} message changes nothing")]
    public static partial void Duplicate(ILogger logger, string scanId, string state, string stage);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Scan {ScanId} of {Mailbox} throttled on attempt {Attempt}; the queue will retry it")]
    public static partial void ThrottledWillRetry(ILogger logger, string scanId, string mailbox, long attempt);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Evaluate message for unknown scan {ScanId} ignored")]
    public static partial void UnknownScan(ILogger logger, string scanId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Message moved to {PoisonQueue}: {Reason}")]
    public static partial void Poisoned(ILogger logger, string poisonQueue, string reason);
}
