using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Core.Sources;

namespace Outreach.Functions.Http;

/// <summary>
/// <c>GET /api/mailboxes/{mailbox}/enrollment</c>: whether Outreach may act on the mailbox, and if not why and
/// which setting to change. Always 200 (the answer is the resource); reads nothing of the mailbox itself.
/// </summary>
public sealed class GetEnrollmentFunction(IMailboxEnrollment enrollment)
{
    [Function(nameof(GetEnrollmentFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "mailboxes/{mailbox}/enrollment")] HttpRequest request,
        string mailbox,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        try
        {
            return new OkObjectResult(EnrollmentBody.Of(await enrollment.CheckAsync(mailbox, cancellationToken)));
        }
        catch (MailboxAccessException refused)
        {
            return Problems.Upstream(refused);
        }
    }
}

/// <summary>
/// <c>PUT /api/mailboxes/{mailbox}/enrollment</c>: an administrator re-enrols a mailbox whose owner opted out
/// (removes the opt-out). The list or the group still decides: 200 when the mailbox is now enrolled, 403
/// naming the setting when it is not on either.
/// </summary>
public sealed class EnrolMailboxFunction(IMailboxEnrollment enrollment, MailboxOptOut optOut)
{
    [Function(nameof(EnrolMailboxFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "mailboxes/{mailbox}/enrollment")] HttpRequest request,
        string mailbox,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        var changed = await optOut.ReEnrolAsync(mailbox, cancellationToken);
        try
        {
            var decision = await enrollment.CheckAsync(mailbox, cancellationToken);
            return decision.IsEnrolled
                ? new OkObjectResult(EnrollmentBody.Of(decision) with { OptOutRemoved = changed })
                : Problems.NotEnrolled(decision, "mailbox");
        }
        catch (MailboxAccessException refused)
        {
            return Problems.Upstream(refused);
        }
    }
}

public sealed record EnrollmentBody(string Mailbox, bool Enrolled, string Status, string Reason, string? Setting)
{
    public bool? OptOutRemoved { get; init; }

    internal static EnrollmentBody Of(EnrollmentDecision decision) =>
        new(decision.Mailbox, decision.IsEnrolled, EnrollmentNames.Of(decision.Status), decision.Reason, decision.Setting);
}
