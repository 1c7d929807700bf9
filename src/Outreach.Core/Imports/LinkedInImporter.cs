using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Imports.LinkedIn;
using Outreach.Core.Pipeline;

namespace Outreach.Core.Imports;

/// <summary>What one import did; the JSON the CLI prints and the HTTP route answers.</summary>
public sealed record LinkedInImportResult(
    string Mailbox,
    int Contacts,
    int Messages,
    int Added,
    int ContactsAdded,
    int MessagesAdded,
    int SkippedRows,
    int IgnoredConversations,
    int ContactsTotal,
    int MessagesTotal,
    IReadOnlyList<string> Skipped);

/// <summary>
/// Imports a LinkedIn export for a mailbox: reads it (<see cref="LinkedInExportReader"/>), then merges the batch into
/// the <see cref="IImportStore"/>, where every later scan of the mailbox counts it. The same export twice adds nothing.
/// With a generation store (the Functions app), an erasure that lands while the import writes is honoured: the
/// generation is read before and after the merge and, when it moved, what was imported is erased again and the
/// import fails, so an erased mailbox never gets its LinkedIn history back from an import that raced the erasure.
/// </summary>
public sealed partial class LinkedInImporter(
    IImportStore store,
    IOptions<ImportOptions> options,
    ILogger<LinkedInImporter> logger,
    IMailboxGenerationStore? generations = null)
{
    public LinkedInExportLimits Limits => options.Value.Limits;

    /// <summary>Imports an export on disk: a zip file or an unpacked folder.</summary>
    public Task<LinkedInImportResult> ImportAsync(string mailbox, string exportPath, CancellationToken cancellationToken)
    {
        using var files = LinkedInExportFiles.Open(exportPath, Limits);
        return ImportAsync(mailbox, LinkedInExportReader.Read(files), cancellationToken);
    }

    /// <summary>Imports an uploaded zip (a seekable stream, owned from here on).</summary>
    public Task<LinkedInImportResult> ImportZipAsync(string mailbox, Stream zip, CancellationToken cancellationToken)
    {
        using var files = LinkedInExportFiles.FromZip(zip, Limits);
        return ImportAsync(mailbox, LinkedInExportReader.Read(files), cancellationToken);
    }

    private async Task<LinkedInImportResult> ImportAsync(string mailbox, LinkedInExport export, CancellationToken cancellationToken)
    {
        var normalized = EmailAddresses.Normalize(mailbox);
        var generation = generations is null ? 0 : await generations.GetAsync(normalized, cancellationToken);
        var merged = await store.MergeAsync(normalized, export.Batch, cancellationToken);
        if (generations is not null && await generations.GetAsync(normalized, cancellationToken) is var current && current != generation)
        {
            await store.EraseAsync(normalized, cancellationToken);
            throw new MailboxErasedException(EmailAddresses.Redact(normalized), generation, current);
        }

        Imported(logger, EmailAddresses.Redact(normalized), export.Batch.Contacts.Count, export.Batch.Messages.Count, merged.ContactsAdded, merged.MessagesAdded, export.SkippedRows);
        return new LinkedInImportResult(
            normalized,
            export.Batch.Contacts.Count,
            export.Batch.Messages.Count,
            merged.ContactsAdded + merged.MessagesAdded,
            merged.ContactsAdded,
            merged.MessagesAdded,
            export.SkippedRows,
            export.IgnoredConversations,
            merged.ContactsTotal,
            merged.MessagesTotal,
            export.SkippedExamples);
    }

    [LoggerMessage(EventId = 2600, Level = LogLevel.Information,
        Message = "Imported a LinkedIn export for {Mailbox}: {Contacts} contacts, {Messages} messages, {ContactsAdded} contacts and {MessagesAdded} messages new, {SkippedRows} rows skipped")]
    private static partial void Imported(ILogger logger, string mailbox, int contacts, int messages, int contactsAdded, int messagesAdded, int skippedRows);
}
