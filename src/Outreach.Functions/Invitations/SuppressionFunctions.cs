using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Core.Invitations;
using Outreach.Functions.Http;

namespace Outreach.Functions.Invitations;

/// <summary>
/// <c>POST /api/suppressions</c> <c>{"mailbox", "entry", "reason"?}</c> adds an address or "@domain" to the
/// mailbox's do-not-contact list; honoured by scans (excluded) and invitations (skipped).
/// </summary>
public sealed class AddSuppressionFunction(ISuppressionList suppressions, IMailboxEnrollment enrollment)
{
    [Function(nameof(AddSuppressionFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "suppressions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (sent, error) = await RequestBody.ReadAsync(request, RequestJsonContext.Default.AddSuppressionBody, cancellationToken);
        if (error is not null) return Problems.Invalid("body", error);
        if (sent is null) return Problems.Invalid("body", "send a JSON object with \"mailbox\" and \"entry\"");

        // A field of another type than string reads as missing, as it always did.
        var (mailbox, entry, reason) = (sent.Mailbox.OrDefault, sent.Entry.OrDefault, sent.Reason.OrDefault);
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        if (!SuppressionEntries.IsValid(entry)) return Problems.Invalid("entry", "must be an email address or \"@domain\"");
        if (reason is { Length: > 500 }) return Problems.Invalid("reason", "must be at most 500 characters");
        if (await EnrollmentGate.RefuseAsync(enrollment, mailbox!, "mailbox", cancellationToken) is { } refused) return refused;

        var added = await suppressions.AddAsync(EmailAddresses.Normalize(mailbox!), entry!, reason, cancellationToken);
        var body = new { mailbox = EmailAddresses.Normalize(mailbox!), entry = SuppressionEntries.Normalize(entry!), added };
        return added ? new ObjectResult(body) { StatusCode = StatusCodes.Status201Created } : new OkObjectResult(body);
    }
}

/// <summary><c>DELETE /api/suppressions/{mailbox}/{entry}</c>: takes an entry off the do-not-contact list.</summary>
public sealed class RemoveSuppressionFunction(ISuppressionList suppressions, IMailboxEnrollment enrollment)
{
    [Function(nameof(RemoveSuppressionFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "suppressions/{mailbox}/{entry}")] HttpRequest request,
        string mailbox,
        string entry,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        if (!SuppressionEntries.IsValid(entry)) return Problems.Invalid("entry", "must be an email address or \"@domain\"");
        if (await EnrollmentGate.RefuseAsync(enrollment, mailbox, "mailbox", cancellationToken) is { } refused) return refused;
        return await suppressions.RemoveAsync(EmailAddresses.Normalize(mailbox), entry, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound($"'{SuppressionEntries.Normalize(entry)}' is not on the do-not-contact list of '{EmailAddresses.Normalize(mailbox)}'.");
    }
}
