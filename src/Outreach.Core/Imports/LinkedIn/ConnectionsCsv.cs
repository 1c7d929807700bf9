using System.Globalization;
using Outreach.Core.Contacts;

namespace Outreach.Core.Imports.LinkedIn;

/// <summary>One row of Connections.csv: someone the owner is connected to.</summary>
internal sealed record LinkedInConnection(string? ProfileUrl, string? Email, string? DisplayName, DateTimeOffset? ConnectedOn);

/// <summary>
/// Connections.csv: <c>First Name, Last Name, URL, Email Address, Company, Position, Connected On</c> after a
/// "Notes:" preamble. Older exports have no URL column; the email is empty unless the connection lets connections
/// see it. Company and position are not kept (not needed to decide anything).
/// </summary>
internal static class ConnectionsCsv
{
    // "12 Mar 2024" today; older exports and spreadsheet round-trips give the others.
    private static readonly string[] DateFormats = ["dd MMM yyyy", "d MMM yyyy", "dd-MMM-yy", "MM/dd/yyyy", "M/d/yyyy", "M/d/yy", "yyyy-MM-dd"];

    public static List<LinkedInConnection> Read(Stream stream, ImportDiagnostics diagnostics)
    {
        var file = LinkedInExportFiles.ConnectionsFile;
        using var csv = new ExportCsv(stream, file, diagnostics);
        csv.FindHeader("First Name", "Last Name");
        if (!csv.HasColumn("URL") && !csv.HasColumn("Email Address"))
        {
            throw new LinkedInExportException(LinkedInExportError.Malformed, "the header has neither a URL nor an Email Address column", file);
        }

        var connections = new List<LinkedInConnection>();
        while (csv.Read())
        {
            var url = ProfileUrls.TryNormalize(csv.Get("URL"), out var normalizedUrl) ? normalizedUrl : null;
            var email = EmailAddresses.TryNormalize(csv.Get("Email Address"), out var normalizedEmail) ? normalizedEmail : null;
            if (url is null && email is null)
            {
                // Nobody to match or to key: nothing about this row can be used.
                diagnostics.Skip(file, csv.Line, "neither a profile URL nor an email address");
                continue;
            }

            var name = string.Join(' ', new[] { csv.Get("First Name"), csv.Get("Last Name") }.Where(n => n is not null));
            connections.Add(new LinkedInConnection(url, email, name.Length == 0 ? null : name, ParseDate(csv.Get("Connected On"))));
        }

        return connections;
    }

    private static DateTimeOffset? ParseDate(string? value) =>
        DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? new DateTimeOffset(DateTime.SpecifyKind(date.Date, DateTimeKind.Utc))
            : null;
}
