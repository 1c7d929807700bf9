using Microsoft.Extensions.Logging;

namespace Outreach.Storage;

/// <summary>Storage logging. Mailboxes are redacted; contact addresses are never logged.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug,
        Message = "State of {Mailbox} saved as version {Version}: {Bytes} bytes compressed from {RawBytes} in {Chunks} chunk rows, {ElapsedMs} ms")]
    public static partial void StateSaved(ILogger logger, string mailbox, long version, long bytes, long rawBytes, int chunks, long elapsedMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Old state chunks of {Mailbox} could not be deleted now; a later save sweeps them")]
    public static partial void SweepFailed(ILogger logger, string mailbox, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Swept {Rows} stale state chunk rows of {Mailbox}")]
    public static partial void Swept(ILogger logger, int rows, string mailbox);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "State of {Mailbox} changed while it was read; reading version {Version} again")]
    public static partial void LoadRetried(ILogger logger, string mailbox, long version);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "State of {Mailbox} has schema version {Stored}, not {Current}; it is treated as absent")]
    public static partial void OutdatedSchema(ILogger logger, string mailbox, int stored, int current);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Message moved to {PoisonQueue} as {MessageId}")]
    public static partial void Poisoned(ILogger logger, string poisonQueue, string messageId);
}
