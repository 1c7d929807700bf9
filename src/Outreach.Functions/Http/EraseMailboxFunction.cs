using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;

namespace Outreach.Functions.Http;

/// <summary><c>DELETE /api/mailboxes/{mailbox}</c>: erases everything Outreach holds for the mailbox (GDPR erasure).</summary>
public sealed class EraseMailboxFunction(MailboxEraser eraser)
{
    [Function(nameof(EraseMailboxFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "mailboxes/{mailbox}")] HttpRequest request,
        string mailbox,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        return new OkObjectResult(await eraser.EraseAsync(mailbox, cancellationToken));
    }
}
