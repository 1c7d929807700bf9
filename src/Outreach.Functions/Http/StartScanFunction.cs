using System.Text.Json;
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
        var (document, error) = await RequestBody.ReadJsonAsync(request, cancellationToken);
        if (document is null) return Problems.Invalid("body", error!);
        using (document)
        {
            var (mailboxes, field, problem) = Mailboxes(document.RootElement, options.Value.MaxMailboxesPerRequest);
            if (problem is not null) return Problems.Invalid(field!, problem);

            // Every mailbox enrolled, or none is queued (nothing stored, no Graph call about any of them).
            var single = document.RootElement.TryGetProperty("mailbox", out _);
            for (var i = 0; i < mailboxes!.Count; i++)
            {
                if (await EnrollmentGate.RefuseAsync(enrollment, mailboxes[i], single ? "mailbox" : $"mailboxes[{i}]", cancellationToken) is { } refused) return refused;
            }

            var records = await pipeline.StartAsync(mailboxes!, "http", cancellationToken);
            var accepted = records.Select(r => new ScanAccepted(r.ScanId, r.Mailbox, r.State, ScanLocation.Of(r.ScanId))).ToList();
            return new AcceptedResult(accepted[0].Location, new ScansAccepted(accepted));
        }
    }

    private static (List<string>? Mailboxes, string? Field, string? Problem) Mailboxes(JsonElement root, int max)
    {
        if (root.ValueKind != JsonValueKind.Object) return (null, "body", "send a JSON object with \"mailbox\" or \"mailboxes\"");
        var hasOne = root.TryGetProperty("mailbox", out var one);
        var hasMany = root.TryGetProperty("mailboxes", out var many);
        if (hasOne == hasMany) return (null, "mailbox", "give either \"mailbox\" (a user principal name) or \"mailboxes\" (a list), not both or neither");

        if (hasOne)
        {
            return one.ValueKind == JsonValueKind.String && EmailAddresses.IsValid(one.GetString())
                ? ([one.GetString()!], null, null)
                : (null, "mailbox", Problems.MailboxMessage);
        }

        if (many.ValueKind != JsonValueKind.Array || many.GetArrayLength() == 0) return (null, "mailboxes", "must be a non-empty list of user principal names");
        if (many.GetArrayLength() > max) return (null, "mailboxes", $"at most {max} mailboxes per request ({many.GetArrayLength()} given)");
        var list = new List<string>();
        var index = 0;
        foreach (var item in many.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !EmailAddresses.IsValid(item.GetString()))
            {
                return (null, $"mailboxes[{index}]", Problems.MailboxMessage);
            }

            list.Add(item.GetString()!);
            index++;
        }

        return (list, null, null);
    }
}

public sealed record ScanAccepted(string ScanId, string Mailbox, ScanState State, string Location);

public sealed record ScansAccepted(IReadOnlyList<ScanAccepted> Scans);

internal static class ScanLocation
{
    public static string Of(string scanId) => "/api/scans/" + Uri.EscapeDataString(scanId);
}
