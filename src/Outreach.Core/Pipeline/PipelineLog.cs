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

    /// <remarks>
    /// The reason itself (Graph's error text names the full address) stays in the scan record, never in the log:
    /// the log says only the kind of failure and its HTTP status.
    /// </remarks>
    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Scan {ScanId} of {Mailbox} failed ({Failure}, HTTP {Status}); the reason is in the scan record")]
    public static partial void Failed(ILogger logger, string scanId, string mailbox, string failure, int? status);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Scan {ScanId} already {State}; the repeated {Stage} message changes nothing")]
    public static partial void Duplicate(ILogger logger, string scanId, string state, string stage);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Scan {ScanId} of {Mailbox} throttled on attempt {Attempt}; the queue will retry it")]
    public static partial void ThrottledWillRetry(ILogger logger, string scanId, string mailbox, long attempt);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Evaluate message for unknown scan {ScanId} ignored")]
    public static partial void UnknownScan(ILogger logger, string scanId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Scan {ScanId} of {Mailbox} stopped at {Stage}: the mailbox was erased after the scan began (generation {Generation}, now {Current}); nothing of it is kept")]
    public static partial void Erased(ILogger logger, string scanId, string mailbox, string stage, long generation, long current);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Scan {ScanId} of {Mailbox}: {Stage} waits, another run holds the mailbox; retried in {Delay}")]
    public static partial void Locked(ILogger logger, string scanId, string mailbox, string stage, TimeSpan delay);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Scan {ScanId} of {Mailbox}: auto mode invited nobody ({Failure}, HTTP {Status}); the scan completes and records the reason")]
    public static partial void AutoInviteFailed(ILogger logger, string scanId, string mailbox, string failure, int? status);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Message moved to {PoisonQueue}: {Reason}")]
    public static partial void Poisoned(ILogger logger, string poisonQueue, string reason);
}
