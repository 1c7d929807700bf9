using System.Globalization;

namespace Outreach.Core.Imports.LinkedIn;

/// <summary>One message of messages.csv as the import sees it: who wrote, to whom, when; never what.</summary>
internal sealed record LinkedInMessageRow(
    string ConversationId,
    string Sender,
    IReadOnlyList<string> Recipients,
    DateTimeOffset At,
    string? SenderName,
    string? RecipientNames);

/// <summary>
/// messages.csv: <c>CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS,
/// DATE, SUBJECT, CONTENT, FOLDER</c>, and in some exports more (ATTACHMENTS, IS MESSAGE DRAFT, …), which are
/// ignored. SUBJECT and CONTENT are never read: the import keeps no contents. RECIPIENT PROFILE URLS lists several
/// profiles separated by ";" (commas and spaces are accepted too). DATE is "2023-05-01 14:22:10 UTC".
/// </summary>
internal static class MessagesCsv
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd HH:mm:ss 'UTC'", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm 'UTC'"];

    private static readonly char[] UrlSeparators = [';', ',', ' ', '\t', '\r', '\n'];

    public static List<LinkedInMessageRow> Read(Stream stream, ImportDiagnostics diagnostics)
    {
        var file = LinkedInExportFiles.MessagesFile;
        using var csv = new ExportCsv(stream, file, diagnostics);
        csv.FindHeader("CONVERSATION ID", "SENDER PROFILE URL", "DATE");
        var rows = new List<LinkedInMessageRow>();
        while (csv.Read())
        {
            if (IsUnsent(csv.Get("FOLDER"), csv.Get("IS MESSAGE DRAFT"))) continue;
            var conversation = csv.Get("CONVERSATION ID");
            if (conversation is null)
            {
                diagnostics.Skip(file, csv.Line, "no CONVERSATION ID");
                continue;
            }

            if (!DateTime.TryParseExact(csv.Get("DATE"), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                diagnostics.Skip(file, csv.Line, "DATE is not a date such as 2023-05-01 14:22:10 UTC");
                continue;
            }

            if (!ProfileUrls.TryNormalize(csv.Get("SENDER PROFILE URL"), out var sender))
            {
                // LinkedIn's own notices and deleted members come without a sender profile: nobody to count it for.
                diagnostics.Skip(file, csv.Line, "no SENDER PROFILE URL");
                continue;
            }

            var recipients = (csv.Get("RECIPIENT PROFILE URLS") ?? "")
                .Split(UrlSeparators, StringSplitOptions.RemoveEmptyEntries)
                .Select(u => ProfileUrls.TryNormalize(u, out var n) ? n : null)
                .OfType<string>()
                .Where(u => u != sender)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            rows.Add(new LinkedInMessageRow(conversation, sender, recipients, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), csv.Get("FROM"), csv.Get("TO")));
        }

        return rows;
    }

    /// <summary>Drafts were never sent; they are not touchpoints.</summary>
    private static bool IsUnsent(string? folder, string? isDraft) =>
        folder is not null && folder.StartsWith("DRAFT", StringComparison.OrdinalIgnoreCase)
        || isDraft is not null && isDraft.Equals("true", StringComparison.OrdinalIgnoreCase);
}
