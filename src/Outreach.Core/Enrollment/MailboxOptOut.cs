using Microsoft.Extensions.Logging;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;

namespace Outreach.Core.Enrollment;

/// <summary>
/// An owner leaving on their own (the review page's "stop analysing my mailbox"), and an administrator
/// taking them back. Leaving records the opt-out and then erases everything held for the mailbox; the opt-out
/// is not part of what erasure deletes, so the next weekly run and every route refuse the mailbox until re-enrolled.
/// </summary>
public sealed class MailboxOptOut(IEnrollmentOptOutStore optOuts, MailboxEraser eraser, ILogger<MailboxOptOut> logger)
{
    public async Task<ErasureReport> LeaveAsync(string mailbox, string via, CancellationToken cancellationToken)
    {
        var normalized = EmailAddresses.Normalize(mailbox);

        // The opt-out first: a scan or weekly run that starts while the data is being erased is then refused
        // instead of harvesting the mailbox again.
        await optOuts.SetOptedOutAsync(normalized, true, cancellationToken);
        var report = await eraser.EraseAsync(normalized, cancellationToken);
        EnrollmentLog.OptedOut(logger, EmailAddresses.Redact(normalized), via);
        return report;
    }

    /// <summary>Removes the opt-out; returns whether there was one. The list or the group still decides enrollment.</summary>
    public async Task<bool> ReEnrolAsync(string mailbox, CancellationToken cancellationToken)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        var changed = await optOuts.SetOptedOutAsync(normalized, false, cancellationToken);
        EnrollmentLog.ReEnrolled(logger, EmailAddresses.Redact(normalized), changed);
        return changed;
    }
}
