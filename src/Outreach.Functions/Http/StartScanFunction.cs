using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Core.Pipeline;

namespace Outreach.Functions.Http;

/// <summary>
/// <c>POST /api/scans</c> with <c>{"mailbox": "…"}</c> or <c>{"mailboxes": ["…", …]}</c>: queues the scans and
/// answers 202 with a Location to follow; 403 when any of them is not enrolled (then none is queued).
/// </summary>
public sealed class StartScanFunction(ScanPipeline pipeline, IOptions<PipelineOptions> options, IMailboxEnrollment enrollment)
{
    [Function(nameof(StartScanFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "scans")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, error) = await RequestBody.ReadAsync(request, RequestJsonContext.Default.StartScanBody, cancellationToken);
        if (error is not null) return Problems.Invalid("body", error);
        if (body is null) return Problems.Invalid("body", "send a JSON object with \"mailbox\" or \"mailboxes\"");
        var (mailboxes, field, problem) = body.Validate(options.Value.MaxMailboxesPerRequest);
        if (problem is not null) return Problems.Invalid(field!, problem);

        // Every mailbox enrolled, or none is queued (nothing stored, no Graph call about any of them).
        var single = body.Mailbox.IsSent;
        for (var i = 0; i < mailboxes!.Count; i++)
        {
            if (await EnrollmentGate.RefuseAsync(enrollment, mailboxes[i], single ? "mailbox" : $"mailboxes[{i}]", cancellationToken) is { } refused) return refused;
        }

        var records = await pipeline.StartAsync(mailboxes!, "http", cancellationToken);
        var accepted = records.Select(r => new ScanAccepted(r.ScanId, r.Mailbox, r.State, ScanLocation.Of(r.ScanId))).ToList();
        return new AcceptedResult(accepted[0].Location, new ScansAccepted(accepted));
    }
}

public sealed record ScanAccepted(string ScanId, string Mailbox, ScanState State, string Location);

public sealed record ScansAccepted(IReadOnlyList<ScanAccepted> Scans);

internal static class ScanLocation
{
    public static string Of(string scanId) => "/api/scans/" + Uri.EscapeDataString(scanId);
}
