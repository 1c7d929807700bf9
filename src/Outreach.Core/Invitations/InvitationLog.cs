using Microsoft.Extensions.Logging;

namespace Outreach.Core.Invitations;

internal static partial class InvitationLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Invitations for {Mailbox} (dry run: {DryRun}): {Created} created, {Skipped} skipped, {Failed} failed")]
    public static partial void Sent(ILogger logger, string mailbox, bool dryRun, int created, int skipped, int failed);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "The time zone '{TimeZone}' of {Mailbox}'s working hours is unknown; invitations use UTC")]
    public static partial void UnknownOwnerTimeZone(ILogger logger, string mailbox, string timeZone);
}
