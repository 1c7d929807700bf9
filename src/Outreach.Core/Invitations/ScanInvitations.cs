using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.State;

namespace Outreach.Core.Invitations;

/// <summary>
/// What a scan does with invitations: honour the do-not-contact list, read answers to sent invitations
/// from the calendar (follow-up), and in auto mode invite the top flagged contacts — through the same
/// <see cref="InvitationService"/> as the HTTP endpoint and the CLI.
/// </summary>
public sealed class ScanInvitations(
    IInvitationLedger ledger,
    ISuppressionList suppressions,
    InvitationService invitations,
    IOptions<InvitationOptions> options,
    ILogger<ScanInvitations> logger)
{
    public Task<IReadOnlyList<string>> SuppressedAsync(string mailbox, CancellationToken cancellationToken) =>
        suppressions.ListAsync(mailbox, cancellationToken);

    /// <summary>Updates the ledger from the harvested calendar and returns the mailbox's invitation history.</summary>
    public Task<InvitationHistory> FollowUpAsync(MailboxState state, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        InvitationFollowUp.ApplyAsync(ledger, state, asOf, options.Value, cancellationToken);

    /// <summary>Auto mode (off by default): invite the top N flagged contacts, at most the configured cap.</summary>
    public async Task AutoInviteAsync(ScanRecord record, ScanResult result, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AutoMode) return;
        var top = result.Contacts.Where(c => c.Status == ContactStatus.Flagged).Take(settings.AutoModeMaxPerMailbox).Select(c => c.Email).ToList();
        if (top.Count == 0) return;

        var response = await invitations.SendAsync(new InvitationRequest(record.Mailbox, top, settings.AutoModeMode)
        {
            Location = settings.DefaultLocation,
            // One key per scan: a re-delivered evaluate message repeats the answer instead of inviting again.
            IdempotencyKey = "auto-" + record.ScanId,
        }, cancellationToken);
        AutoInviteLog.Invited(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox),
            response.Results.Count(r => r.Outcome == InvitationOutcome.Created), top.Count);
    }
}

internal static partial class AutoInviteLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Auto mode, scan {ScanId} of {Mailbox}: {Created} invitations created for the top {Top} flagged contacts")]
    public static partial void Invited(ILogger logger, string scanId, string mailbox, int created, int top);
}
