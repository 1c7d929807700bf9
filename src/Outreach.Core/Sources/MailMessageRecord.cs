namespace Outreach.Core.Sources;

/// <summary>
/// The envelope of one message: who, when, which thread. Never a body — the rules need none.
/// <paramref name="Headers"/> holds only the headers the automated-sender rule reads (may be empty when
/// the source cannot read headers).
/// </summary>
public sealed record MailMessageRecord(
    string Id,
    string? ConversationId,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? SentAt,
    bool IsDraft,
    string? Subject,
    EmailParticipant? From,
    IReadOnlyList<EmailParticipant> To,
    IReadOnlyList<EmailParticipant> Cc,
    IReadOnlyList<KeyValuePair<string, string>> Headers);
