using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Outreach.Core.Contacts;

namespace Outreach.Core.Pipeline;

/// <summary>
/// Reads queue payloads and says precisely why one is unusable, so a bad message can go to the poison
/// queue at once with its reason instead of failing five times.
/// </summary>
public static class PipelineMessageReader
{
    public static bool TryReadHarvest(string raw, [NotNullWhen(true)] out HarvestMessage? message, [NotNullWhen(false)] out string? reason)
    {
        message = Read(raw, PipelineJsonContext.Default.HarvestMessage, out reason);
        reason ??= message is null ? "empty message" : Check(message.Version, HarvestMessage.CurrentVersion, message.ScanId, message.Mailbox);
        if (reason is null && message!.Trigger is not ("timer" or "http")) reason = $"unknown trigger '{message.Trigger}'";
        if (reason is not null) message = null;
        return reason is null;
    }

    public static bool TryReadEvaluate(string raw, [NotNullWhen(true)] out EvaluateMessage? message, [NotNullWhen(false)] out string? reason)
    {
        message = Read(raw, PipelineJsonContext.Default.EvaluateMessage, out reason);
        reason ??= message is null ? "empty message" : Check(message.Version, EvaluateMessage.CurrentVersion, message.ScanId, message.Mailbox);
        if (reason is not null) message = null;
        return reason is null;
    }

    private static T? Read<T>(string raw, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, out string? reason)
        where T : class
    {
        reason = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            reason = "empty message";
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(raw, type);
        }
        catch (JsonException error)
        {
            // The JSON reader's message names the path and position, never the payload.
            reason = "not valid JSON for this queue: " + error.Message;
            return null;
        }
    }

    private static string? Check(int version, int current, string? scanId, string? mailbox)
    {
        if (version != current) return $"unsupported version {version} (this worker reads version {current})";
        if (string.IsNullOrWhiteSpace(scanId) || scanId.Length > 64 || !scanId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return "missing or malformed scanId";
        }

        return EmailAddresses.IsValid(mailbox) ? null : "missing or malformed mailbox";
    }
}
