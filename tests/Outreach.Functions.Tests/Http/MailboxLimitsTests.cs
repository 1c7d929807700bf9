using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Outreach.Functions.Digest;
using Outreach.Functions.Http;
using Outreach.Functions.Invitations;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Http;

/// <summary>
/// Issue 12: a mailbox past RFC 5321's 254 octets, or with a control character in it, used to pass validation
/// and fail later on a table key or a file name (a 500). Every route that takes a mailbox answers the one
/// <c>InvalidMailbox</c> problem instead, before anything is stored — run against the real stores on Azurite.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class MailboxLimitsTests
{
    public static TheoryData<string> Unusable() => new(
    [
        new string('a', 40_000) + "@northwind-labs.com",
        "nora@" + new string('n', 250) + ".com",
        new string('n', 65) + "@northwind-labs.com",
        "no\tra@northwind-labs.com",
        "no\nra@northwind-labs.com",
        "no\0ra@northwind-labs.com",
        "nora@northwind\u2028labs.com",
    ]);

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task Every_route_that_takes_a_mailbox_answers_400_naming_the_mailbox_never_500(string mailbox)
    {
        await using var harness = await PipelineHarness.StartAsync(["nora@northwind-labs.com"]);
        var ct = TestContext.Current.CancellationToken;
        var quoted = JsonSerializer.Serialize(mailbox);
        var answers = new Dictionary<string, IActionResult>
        {
            ["POST /api/scans {mailbox}"] = await harness.Get<StartScanFunction>().RunAsync(ActionResults.Request($$"""{"mailbox":{{quoted}}}"""), ct),
            ["POST /api/scans {mailboxes}"] = await harness.Get<StartScanFunction>().RunAsync(ActionResults.Request($$"""{"mailboxes":[{{quoted}}]}"""), ct),
            ["GET /api/mailboxes/{mailbox}/contacts"] = await harness.Get<GetContactsFunction>().RunAsync(ActionResults.Request(method: "GET"), mailbox, ct),
            ["DELETE /api/mailboxes/{mailbox}"] = await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), mailbox, ct),
            ["POST /api/invitations"] = await harness.Get<SendInvitationFunction>().RunAsync(
                ActionResults.Request($$"""{"mailbox":{{quoted}},"contacts":["dana@fabrikam.com"],"mode":"video"}"""), ct),
            ["POST /api/suppressions"] = await harness.Get<AddSuppressionFunction>().RunAsync(
                ActionResults.Request($$"""{"mailbox":{{quoted}},"entry":"@contoso.com"}"""), ct),
            ["DELETE /api/suppressions/{mailbox}/{entry}"] = await harness.Get<RemoveSuppressionFunction>().RunAsync(
                ActionResults.Request(method: "DELETE"), mailbox, "@contoso.com", ct),
            ["PUT /api/mailboxes/{mailbox}/digest"] = await harness.Get<SubscribeDigestFunction>().RunAsync(ActionResults.Request(method: "PUT"), mailbox, ct),
            ["DELETE /api/mailboxes/{mailbox}/digest"] = await harness.Get<UnsubscribeDigestFunction>().RunAsync(ActionResults.Request(method: "DELETE"), mailbox, ct),
            ["GET /api/mailboxes/{mailbox}/enrollment"] = await harness.Get<GetEnrollmentFunction>().RunAsync(ActionResults.Request(method: "GET"), mailbox, ct),
            ["PUT /api/mailboxes/{mailbox}/enrollment"] = await harness.Get<EnrolMailboxFunction>().RunAsync(ActionResults.Request(method: "PUT"), mailbox, ct),
        };

        foreach (var (route, result) in answers)
        {
            var (status, contentType, body, _) = await ActionResults.ExecuteAsync(result);
            Assert.True(status == 400, $"{route} answered {status}: {body}");
            Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty("mailbox", out _) || errors.TryGetProperty("mailboxes[0]", out _), $"{route}: {body}");
        }

        Assert.Empty(await harness.PeekAllAsync(Outreach.Core.Pipeline.QueueNames.Harvest));
    }
}
