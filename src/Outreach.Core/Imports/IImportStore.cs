using Outreach.Core.Touchpoints;

namespace Outreach.Core.Imports;

/// <summary>
/// A person an import knows. <paramref name="ContactKey"/> is the contact's identity in every scan: the normalised
/// email address when the export has one, else the normalised profile URL (LinkedIn-only contacts).
/// </summary>
public sealed record ImportedContact(
    string ContactKey,
    string? Email,
    string? ProfileUrl,
    string? DisplayName,
    DateTimeOffset? ConnectedOn);

/// <summary>One imported text message with one contact; its content is never kept.</summary>
public sealed record ImportedMessage(
    string ContactKey,
    ulong MessageKey,
    ulong ConversationKey,
    DateTimeOffset At,
    TextDirection Direction);

/// <summary>What one import of one export yields, all on one channel.</summary>
public sealed record ImportBatch(
    TextChannel Channel,
    IReadOnlyList<ImportedContact> Contacts,
    IReadOnlyList<ImportedMessage> Messages);

/// <summary>Everything imported for one mailbox so far (every channel).</summary>
public sealed record ImportedActivity(
    IReadOnlyList<ImportedContact> Contacts,
    IReadOnlyList<(TextChannel Channel, ImportedMessage Message)> Messages)
{
    public static ImportedActivity Empty { get; } = new([], []);
}

/// <summary>How a merge went: what was new. Importing the same export twice adds nothing the second time.</summary>
public sealed record ImportMergeResult(int ContactsAdded, int MessagesAdded, int ContactsTotal, int MessagesTotal);

/// <summary>
/// Imported touchpoints of a mailbox, kept until the mailbox is erased: every later scan counts them. Merging is
/// idempotent (contacts by key, messages by channel and key) and decided by one conditional write.
/// </summary>
public interface IImportStore
{
    Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken);

    Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken);

    Task EraseAsync(string mailbox, CancellationToken cancellationToken);
}
