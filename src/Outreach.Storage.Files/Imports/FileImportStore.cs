using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Contacts;
using Outreach.Core.Imports;
using Outreach.Core.Serialization;

namespace Outreach.Storage.Files.Imports;

/// <summary>
/// The CLI's import store: one JSON file per mailbox in the "imports" folder of the state folder, each contact with
/// its messages packed per channel (base64 of 24-byte touchpoints), replaced atomically on every merge while holding
/// the folder's lock file, so two importers at once each add what the other had not (the lock is the conditional
/// write here). Nothing of a message's subject or content exists to be stored.
/// </summary>
public sealed class FileImportStore(string stateDirectory) : IImportStore
{
    public const string FolderName = "imports";

    private readonly MailboxDocuments<ImportDocument> _files = new(
        stateDirectory, FolderName, LocalImportJsonContext.Default.ImportDocument, ImportDocument.CurrentSchemaVersion, "import file");

    public string Directory => _files.Directory;

    public async Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var guard = await _files.LockAsync(cancellationToken);
        var records = (await ReadAsync(mailbox, cancellationToken)).ToDictionary(r => r.Contact.ContactKey, StringComparer.Ordinal);

        int contactsAdded = 0, messagesAdded = 0;
        var changed = false;
        foreach (var (contact, messages) in ImportMerging.ByContact(batch))
        {
            var existing = records.GetValueOrDefault(contact.ContactKey);
            var (record, added, recordChanged) = ImportMerging.Merge(existing, batch.Channel, contact, messages);
            if (!recordChanged) continue;
            if (existing is null) contactsAdded++;
            messagesAdded += added;
            records[contact.ContactKey] = record;
            changed = true;
        }

        if (changed)
        {
            var document = new ImportDocument
            {
                Mailbox = EmailAddresses.Normalize(mailbox),
                Contacts = [.. records.Values.OrderBy(r => r.Contact.ContactKey, StringComparer.Ordinal).Select(ImportRow.From)],
            };
            await _files.WriteAsync(mailbox, document, cancellationToken);
        }

        return new ImportMergeResult(contactsAdded, messagesAdded, records.Count, records.Values.Sum(r => r.MessageCount));
    }

    public async Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken) =>
        ImportMerging.ToActivity(await ReadAsync(mailbox, cancellationToken));

    public async Task EraseAsync(string mailbox, CancellationToken cancellationToken)
    {
        await using var guard = await _files.LockAsync(cancellationToken);
        _files.Delete(mailbox);
    }

    private async Task<List<ImportedContactRecord>> ReadAsync(string mailbox, CancellationToken cancellationToken) =>
        await _files.ReadAsync(mailbox, cancellationToken) is { } document ? [.. document.Contacts.Select(r => r.ToRecord())] : [];
}

internal sealed class ImportDocument : IVersionedDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public string Mailbox { get; init; } = "";

    public List<ImportRow> Contacts { get; init; } = [];
}

internal sealed class ImportRow
{
    public string Key { get; init; } = "";

    public string? Email { get; init; }

    public string? ProfileUrl { get; init; }

    public string? DisplayName { get; init; }

    public DateTimeOffset? ConnectedOn { get; init; }

    /// <summary>Per channel's stored name, the packed touchpoints (base64 in JSON).</summary>
    public Dictionary<string, byte[]> Messages { get; init; } = [];

    public static ImportRow From(ImportedContactRecord record) => new()
    {
        Key = record.Contact.ContactKey,
        Email = record.Contact.Email,
        ProfileUrl = record.Contact.ProfileUrl,
        DisplayName = record.Contact.DisplayName,
        ConnectedOn = record.Contact.ConnectedOn,
        Messages = record.Messages.ToDictionary(m => WireNames<Outreach.Core.Touchpoints.TextChannel>.Of(m.Key), m => m.Value, StringComparer.Ordinal),
    };

    public ImportedContactRecord ToRecord()
    {
        var messages = new Dictionary<Outreach.Core.Touchpoints.TextChannel, byte[]>();
        foreach (var (name, packed) in Messages)
        {
            // A channel a later version added is kept out rather than misread as another.
            if (WireNames<Outreach.Core.Touchpoints.TextChannel>.TryParse(name, out var channel)) messages[channel] = packed;
        }

        return new ImportedContactRecord(new ImportedContact(Key, Email, ProfileUrl, DisplayName, ConnectedOn), messages);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImportDocument))]
internal sealed partial class LocalImportJsonContext : JsonSerializerContext;
