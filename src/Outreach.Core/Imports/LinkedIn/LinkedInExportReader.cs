using System.Globalization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Imports.LinkedIn;

/// <summary>What one export yields: the batch to merge, and what could not be used.</summary>
public sealed record LinkedInExport(
    ImportBatch Batch,
    int SkippedRows,
    int IgnoredConversations,
    string? OwnerProfileUrl,
    IReadOnlyList<string> SkippedExamples);

/// <summary>
/// Turns an export's Connections.csv and messages.csv into an <see cref="ImportBatch"/> on the LinkedIn channel.
/// People are keyed by the address Connections.csv gives them (so they meet the same person's email touchpoints),
/// else by their normalised profile URL. A message from the owner is sent to every other participant of its
/// conversation; one from anyone else is received from its sender. Conversations of more than
/// <see cref="MaxParticipants"/> people are ignored, as large meetings are. Keys are hashes of the conversation
/// id, the instant and the sender, so the same export read twice gives the same keys; subjects and contents are
/// never read.
/// </summary>
public static class LinkedInExportReader
{
    /// <summary>The same bound the meeting rules use: more people than this is a crowd, not a relationship.</summary>
    public const int MaxParticipants = 8;

    public static LinkedInExport Read(LinkedInExportFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var diagnostics = new ImportDiagnostics();
        List<LinkedInConnection> connections = [];
        List<LinkedInMessageRow> rows = [];
        using (var stream = files.Open(LinkedInExportFiles.ConnectionsFile))
        {
            if (stream is not null) connections = ConnectionsCsv.Read(stream, diagnostics);
        }

        using (var stream = files.Open(LinkedInExportFiles.MessagesFile))
        {
            if (stream is not null) rows = MessagesCsv.Read(stream, diagnostics);
        }

        return Build(connections, rows, diagnostics);
    }

    private static LinkedInExport Build(List<LinkedInConnection> connections, List<LinkedInMessageRow> rows, ImportDiagnostics diagnostics)
    {
        var contacts = new Dictionary<string, ImportedContact>(StringComparer.Ordinal);
        var keyOfUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var connection in connections)
        {
            var key = connection.Email ?? connection.ProfileUrl!;
            if (connection.ProfileUrl is not null) keyOfUrl.TryAdd(connection.ProfileUrl, key);
            contacts[key] = contacts.TryGetValue(key, out var known)
                ? known with { ProfileUrl = known.ProfileUrl ?? connection.ProfileUrl, DisplayName = known.DisplayName ?? connection.DisplayName, ConnectedOn = known.ConnectedOn ?? connection.ConnectedOn }
                : new ImportedContact(key, connection.Email, connection.ProfileUrl, connection.DisplayName, connection.ConnectedOn);
        }

        var conversations = rows.GroupBy(r => r.ConversationId, StringComparer.Ordinal)
            .Select(g => (Rows: g.ToList(), Participants: g.SelectMany(r => r.Recipients.Prepend(r.Sender)).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var owner = Owner(conversations.Select(c => c.Participants).ToList(), keyOfUrl);

        var messages = new List<ImportedMessage>();
        var seen = new HashSet<(string, ulong)>();
        var ignored = 0;
        foreach (var (conversationRows, participants) in conversations)
        {
            if (participants.Count > MaxParticipants)
            {
                ignored++;
                continue;
            }

            var conversationKey = TextTouchpoint.Key(conversationRows[0].ConversationId);
            foreach (var row in conversationRows)
            {
                var messageKey = TextTouchpoint.Key(string.Join('|', row.ConversationId, row.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), row.Sender));
                if (row.Sender == owner)
                {
                    foreach (var other in participants.Where(p => p != owner))
                    {
                        var name = row.Recipients.Count == 1 ? row.RecipientNames : null;
                        Add(other, name, messageKey, conversationKey, row.At, TextDirection.Sent);
                    }
                }
                else
                {
                    Add(row.Sender, row.SenderName, messageKey, conversationKey, row.At, TextDirection.Received);
                }
            }
        }

        var batch = new ImportBatch(TextChannel.LinkedIn, [.. contacts.Values.OrderBy(c => c.ContactKey, StringComparer.Ordinal)], messages);
        return new LinkedInExport(batch, diagnostics.SkippedRows, ignored, owner, diagnostics.Examples);

        void Add(string url, string? name, ulong messageKey, ulong conversationKey, DateTimeOffset at, TextDirection direction)
        {
            if (!keyOfUrl.TryGetValue(url, out var key))
            {
                // Someone the owner messaged without being connected: LinkedIn-only, known by the profile.
                key = url;
                keyOfUrl[url] = key;
                contacts[key] = new ImportedContact(key, null, url, name, null);
            }

            if (seen.Add((key, messageKey))) messages.Add(new ImportedMessage(key, messageKey, conversationKey, at, direction));
        }
    }

    /// <summary>
    /// The export's owner. Profile.csv carries no profile URL, and the owner has no row in Connections.csv, so the
    /// owner is found from the conversations: the owner takes part in every conversation of their own export,
    /// anyone else only in those they had with the owner. The profile in the most conversations is the owner; a
    /// tie (every conversation is with the same person) goes to the one Connections.csv does not list, because it
    /// lists everyone but the owner. Anything still tied is refused rather than guessed: a wrong owner would turn
    /// every sent message into a received one.
    /// </summary>
    private static string? Owner(List<HashSet<string>> conversations, Dictionary<string, string> connections)
    {
        if (conversations.Count == 0) return null;
        var counts = conversations.SelectMany(p => p).CountBy(p => p, StringComparer.Ordinal).ToList();
        var most = counts.Max(c => c.Value);
        var top = counts.Where(c => c.Value == most).Select(c => c.Key).ToList();
        if (top.Count > 1) top = [.. top.Where(p => !connections.ContainsKey(p))];
        if (top.Count == 1) return top[0];
        throw new LinkedInExportException(LinkedInExportError.OwnerUnknown,
            "the export's own profile cannot be told from the people in its conversations (every conversation is with the same person and Connections.csv does not settle it); export Connections as well",
            LinkedInExportFiles.MessagesFile);
    }
}
