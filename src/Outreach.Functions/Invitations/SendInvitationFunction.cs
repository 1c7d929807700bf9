using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Core.Invitations;
using Outreach.Core.Sources;
using Outreach.Functions.Http;

namespace Outreach.Functions.Invitations;

/// <summary>
/// <c>POST /api/invitations</c>: invites contacts of a mailbox to a Teams call or an in-person meeting.
/// One result per contact (created, skipped with why, failed with why, or a dry run's rendering).
/// </summary>
public sealed class SendInvitationFunction(InvitationService invitations, IMailboxEnrollment enrollment)
{
    [Function(nameof(SendInvitationFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "invitations")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (sent, error) = await RequestBody.ReadAsync(request, RequestJsonContext.Default.SendInvitationBody, cancellationToken);
        if (error is not null) return Problems.Invalid("body", error);
        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200) return Problems.Invalid("Idempotency-Key", "must be at most 200 characters");
        if (sent is null) return Problems.Invalid("body", "send a JSON object");
        var (body, field, problem) = sent.ToRequest();
        if (problem is not null) return Problems.Invalid(field!, problem);
        if (!EmailAddresses.IsValid(body!.Mailbox)) return Problems.InvalidMailbox();
        if (await EnrollmentGate.RefuseAsync(enrollment, body.Mailbox, "mailbox", cancellationToken) is { } notEnrolled) return notEnrolled;
        try
        {
            var response = await invitations.SendAsync(body with { IdempotencyKey = key.Length == 0 ? null : key }, cancellationToken);
            return new OkObjectResult(response);
        }
        catch (InvitationRequestException invalid)
        {
            return Problems.Invalid(invalid.Field, invalid.Message);
        }
        catch (MailboxAccessException refused)
        {
            return Problems.Upstream(refused);
        }
    }
}
