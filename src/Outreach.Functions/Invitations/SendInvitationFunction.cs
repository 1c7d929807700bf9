using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Templates;
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
        var (document, error) = await RequestBody.ReadJsonAsync(request, cancellationToken);
        if (document is null) return Problems.Invalid("body", error!);
        using (document)
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            if (key.Length > 200) return Problems.Invalid("Idempotency-Key", "must be at most 200 characters");
            var (body, field, problem) = Parse(document.RootElement);
            if (problem is not null) return Problems.Invalid(field!, problem);
            if (!EmailAddresses.IsValid(body!.Mailbox)) return Problems.InvalidMailbox();
            if (await EnrollmentGate.RefuseAsync(enrollment, body.Mailbox, "mailbox", cancellationToken) is { } notEnrolled) return notEnrolled;
            try
            {
                var response = await invitations.SendAsync(body! with { IdempotencyKey = key.Length == 0 ? null : key }, cancellationToken);
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

    private static (InvitationRequest? Request, string? Field, string? Problem) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return (null, "body", "send a JSON object");
        if (!root.TryGetProperty("mailbox", out var mailbox) || mailbox.ValueKind != JsonValueKind.String) return (null, "mailbox", "is required (a user principal name)");
        if (!root.TryGetProperty("contacts", out var contacts) || contacts.ValueKind != JsonValueKind.Array) return (null, "contacts", "is required (a list of addresses)");
        var list = new List<string>();
        var index = 0;
        foreach (var item in contacts.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return (null, $"contacts[{index}]", "must be an email address");
            list.Add(item.GetString()!);
            index++;
        }

        if (!root.TryGetProperty("mode", out var modeText) || modeText.ValueKind != JsonValueKind.String || !InvitationModes.TryParse(modeText.GetString(), out var mode))
        {
            return (null, "mode", "must be \"video\" or \"in-person\"");
        }

        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        bool Present(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
        foreach (var name in new[] { "template", "location", "start", "timeZone" })
        {
            if (Present(name) && Text(name) is null) return (null, name, "must be a string");
        }

        DateTimeOffset? start = null;
        if (Text("start") is { } startText)
        {
            start = InvitationStart.Parse(startText, out var startProblem);
            if (startProblem is not null) return (null, "start", startProblem);
        }

        int? duration = null;
        if (Present("durationMinutes"))
        {
            if (!root.GetProperty("durationMinutes").TryGetInt32(out var minutes)) return (null, "durationMinutes", "must be a whole number of minutes");
            duration = minutes;
        }

        var dryRun = false;
        if (Present("dryRun"))
        {
            var value = root.GetProperty("dryRun");
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return (null, "dryRun", "must be true or false");
            dryRun = value.GetBoolean();
        }

        return (new InvitationRequest(mailbox.GetString()!, list, mode!.Value)
        {
            Template = Text("template"),
            Location = Text("location"),
            Start = start,
            DurationMinutes = duration,
            TimeZone = Text("timeZone"),
            DryRun = dryRun,
        }, null, null);
    }
}
