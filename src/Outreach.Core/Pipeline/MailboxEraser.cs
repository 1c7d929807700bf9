using Microsoft.Extensions.Logging;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Core.Pipeline;

/// <summary>What an erasure removed, per store.</summary>
public sealed record ErasureReport(string Mailbox, bool State, int Scans, int Contacts, int Invitations, int Suppressions, int Digests = 0);

/// <summary>
/// Erases everything held for a mailbox (GDPR): harvested state, scan records, evaluated contacts, the
/// invitation ledger, the do-not-contact list, the weekly digests (records, opt-out, snoozes) and whatever was
/// imported (issue 13: a LinkedIn export's contacts and touchpoints). Idempotent: erasing twice reports zeros the second time.
/// With <paramref name="generations"/>, the mailbox's erasure generation moves on first, then the data is
/// deleted: a scan queued or running before the erasure sees the new generation at its next write and stops
/// (<see cref="ErasureFence"/>), so it cannot bring the data back.
/// </summary>
public sealed class MailboxEraser(
    IMailboxStateStore states,
    IScanRecordStore scans,
    IContactResultStore contacts,
    IInvitationLedger ledger,
    ISuppressionList suppressions,
    ILogger<MailboxEraser> logger,
    Digest.IDigestStore? digests = null,
    IMailboxGenerationStore? generations = null,
    Imports.IImportStore? imports = null)
{
    public async Task<ErasureReport> EraseAsync(string mailbox, CancellationToken cancellationToken)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        // The generation first: from here on every write of an older scan is refused or undone.
        if (generations is not null) await generations.AdvanceAsync(normalized, cancellationToken);
        var report = await PurgeAsync(normalized, cancellationToken);
        ErasureLog.Erased(logger, EmailAddresses.Redact(normalized), report.State, report.Scans, report.Contacts, report.Invitations, report.Suppressions, report.Digests);
        return report;
    }

    /// <summary>
    /// Deletes everything held for the mailbox without starting an erasure: the compensating delete of a scan
    /// stage that wrote while its mailbox was being erased.
    /// </summary>
    public async Task<ErasureReport> PurgeAsync(string mailbox, CancellationToken cancellationToken)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        // Imported touchpoints (LinkedIn) go with the rest; the report keeps its shape (an import store counts nothing).
        if (imports is not null) await imports.EraseAsync(normalized, cancellationToken);
        return new ErasureReport(
            normalized,
            await states.DeleteAsync(normalized, cancellationToken),
            await scans.DeleteMailboxAsync(normalized, cancellationToken),
            await contacts.DeleteMailboxAsync(normalized, cancellationToken),
            await ledger.DeleteMailboxAsync(normalized, cancellationToken),
            await suppressions.DeleteMailboxAsync(normalized, cancellationToken),
            digests is null ? 0 : await digests.DeleteMailboxAsync(normalized, cancellationToken));
    }
}

internal static partial class ErasureLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Erased {Mailbox}: state {State}, {Scans} scans, {Contacts} contacts, {Invitations} invitations, {Suppressions} suppressions, {Digests} digest rows")]
    public static partial void Erased(ILogger logger, string mailbox, bool state, int scans, int contacts, int invitations, int suppressions, int digests);
}
