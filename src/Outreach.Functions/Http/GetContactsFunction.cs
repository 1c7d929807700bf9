using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;

namespace Outreach.Functions.Http;

/// <summary>
/// <c>GET /api/mailboxes/{mailbox}/contacts[?status=flagged]</c>: the latest scan's contacts, ranked, with the
/// CLI's JSON fields; <c>Accept: text/csv</c> gives the same as CSV for a spreadsheet.
/// </summary>
public sealed class GetContactsFunction(IContactResultStore results, IMailboxEnrollment enrollment)
{
    [Function(nameof(GetContactsFunction))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "mailboxes/{mailbox}/contacts")] HttpRequest request,
        string mailbox,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(mailbox)) return Problems.InvalidMailbox();
        if (await EnrollmentGate.RefuseAsync(enrollment, mailbox, "mailbox", cancellationToken) is { } refused) return refused;

        ContactStatus? status = null;
        if (request.Query.TryGetValue("status", out var given) && given.Count > 0)
        {
            if (!ContactStatusNames.TryParse(given.ToString(), out var parsed))
            {
                var names = string.Join(", ", Enum.GetValues<ContactStatus>().Select(s => s.ToWireName()));
                return Problems.Invalid("status", $"'{given}' is not a status; use one of {names}");
            }

            status = parsed;
        }

        var normalized = EmailAddresses.Normalize(mailbox);
        var contacts = await results.ListAsync(normalized, status, cancellationToken);
        if (contacts.Count == 0 && (status is null || (await results.ListAsync(normalized, null, cancellationToken)).Count == 0))
        {
            return Problems.NotFound($"No scan results for mailbox '{normalized}'. Start one with POST /api/scans.");
        }

        return WantsCsv(request)
            ? new FileContentResult(Encoding.UTF8.GetBytes(ContactCsv.Write(contacts)), "text/csv; charset=utf-8")
            : new OkObjectResult(new ContactList(normalized, contacts));
    }

    private static bool WantsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
}

public sealed record ContactList(string Mailbox, IReadOnlyList<ContactReport> Contacts);

/// <summary>RFC 4180 CSV; cells that a spreadsheet would run as a formula are defused with a leading quote.</summary>
internal static class ContactCsv
{
    public static string Write(IReadOnlyList<ContactReport> contacts)
    {
        // Columns are only ever added at the end (issue 13 added the profile and the per-channel counts).
        var csv = new StringBuilder("email,displayName,status,score,sent,received,lastTextAt,lastMetAt,reasons,linkedinUrl,emailCount,teamsChatCount,linkedinCount\r\n");
        foreach (var c in contacts)
        {
            csv.AppendJoin(',',
                Cell(c.Email), Cell(c.DisplayName), Cell(c.Status.ToWireName()),
                Cell(c.Score?.ToString("0.0", CultureInfo.InvariantCulture)),
                Cell(c.Sent.ToString(CultureInfo.InvariantCulture)), Cell(c.Received.ToString(CultureInfo.InvariantCulture)),
                Cell(c.LastTextAt?.ToString("o", CultureInfo.InvariantCulture)), Cell(c.LastMetAt?.ToString("o", CultureInfo.InvariantCulture)),
                Cell(string.Join("; ", c.Reasons)), Cell(c.LinkedinUrl),
                Cell(c.Channels.Email.ToString(CultureInfo.InvariantCulture)), Cell(c.Channels.TeamsChat.ToString(CultureInfo.InvariantCulture)),
                Cell(c.Channels.LinkedIn.ToString(CultureInfo.InvariantCulture)));
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
