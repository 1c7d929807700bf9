using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
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

    /// <summary>
    /// Auto mode (off by default): invite the top N flagged contacts, at most the configured cap. Returns why
    /// nobody was invited when Graph refused (e.g. 403 on the owner's mailbox settings), or null. A refusal is not
    /// retried: it would fail the same way on every attempt and leave the scan running; the contacts stand, the
    /// scan completes and carries the reason.
    /// </summary>
    public async Task<string?> AutoInviteAsync(ScanRecord record, ScanResult result, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AutoMode) return null;
        // LinkedIn-only contacts cannot get an Outlook invitation (issue 13): the digest offers "ask on LinkedIn".
        var top = result.Contacts.Where(c => c.Status == ContactStatus.Flagged && !c.IsLinkedInOnly)
            .Take(settings.AutoModeMaxPerMailbox).Select(c => c.Email).ToList();
        if (top.Count == 0) return null;

        InvitationResponse response;
        try
        {
            response = await invitations.SendAsync(new InvitationRequest(record.Mailbox, top, settings.AutoModeMode)
            {
                Location = settings.DefaultLocation,
                // One key per scan: a re-delivered evaluate message repeats the answer instead of inviting again.
                IdempotencyKey = "auto-" + record.ScanId,
            }, cancellationToken);
        }
        catch (MailboxAccessException error) when (error.Failure != MailboxAccessFailure.Throttled)
        {
            PipelineLog.AutoInviteFailed(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox), error.Failure.ToString(), error.StatusCode);
            return $"Auto mode invited nobody: {error.Message}";
        }

        AutoInviteLog.Invited(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox),
            response.Results.Count(r => r.Outcome == InvitationOutcome.Created), top.Count);
        return null;
    }
}

internal static partial class AutoInviteLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Auto mode, scan {ScanId} of {Mailbox}: {Created} invitations created for the top {Top} flagged contacts")]
    public static partial void Invited(ILogger logger, string scanId, string mailbox, int created, int top);
}
