using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Pipeline;

namespace Outreach.Functions.Http;

/// <summary><c>GET /api/scans/{scanId}</c>: queued, running, completed (with counts) or failed (with the reason).</summary>
public sealed class GetScanFunction(IScanRecordStore scans)
{
    [Function(nameof(GetScanFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "scans/{scanId}")] HttpRequest request,
        string scanId,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(scanId) || scanId.Length > 64 || !scanId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return Problems.Invalid("scanId", "is not a scan id (letters, digits and '-', as returned by POST /api/scans)");
        }

        var record = await scans.GetAsync(scanId, cancellationToken);
        return record is null ? Problems.NotFound($"No scan '{scanId}'.") : new OkObjectResult(record);
    }
}
