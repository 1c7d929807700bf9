using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Contacts;
using Outreach.Core.Digest;
using Outreach.Core.Enrollment;
using Outreach.Functions.Http;

namespace Outreach.Functions.Digest;

/// <summary><c>PUT /api/mailboxes/{mailbox}/digest</c>: the mailbox gets the weekly digest again (the default).</summary>
public sealed class SubscribeDigestFunction(IDigestStore store, IMailboxEnrollment enrollment)
{
    [Function(nameof(SubscribeDigestFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "mailboxes/{mailbox}/digest")] HttpRequest request,
        string mailbox,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        if (await EnrollmentGate.RefuseAsync(enrollment, mailbox, "mailbox", cancellationToken) is { } refused) return refused;
        var normalized = EmailAddresses.Normalize(mailbox);
        var changed = await store.SetOptedOutAsync(normalized, false, cancellationToken);
        return new OkObjectResult(new { mailbox = normalized, digest = "subscribed", changed });
    }
}

/// <summary><c>DELETE /api/mailboxes/{mailbox}/digest</c>: opts the mailbox out of the weekly digest (the review page offers the same).</summary>
public sealed class UnsubscribeDigestFunction(IDigestStore store, IMailboxEnrollment enrollment)
{
    [Function(nameof(UnsubscribeDigestFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "mailboxes/{mailbox}/digest")] HttpRequest request,
        string mailbox,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        if (await EnrollmentGate.RefuseAsync(enrollment, mailbox, "mailbox", cancellationToken) is { } refused) return refused;
        var normalized = EmailAddresses.Normalize(mailbox);
        var changed = await store.SetOptedOutAsync(normalized, true, cancellationToken);
        return new OkObjectResult(new { mailbox = normalized, digest = "unsubscribed", changed });
    }
}
