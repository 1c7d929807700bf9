using System.Text.Json.Serialization.Metadata;

namespace Outreach.Storage.Files;

/// <summary>A local store's document: what it says of its own layout, checked on every read.</summary>
internal interface IVersionedDocument
{
    int SchemaVersion { get; }
}

/// <summary>
/// One store's folder under the state folder: a JSON document per mailbox, named, read, written and locked
/// through <see cref="LocalStoreFiles"/>. A document of an unknown schema is refused rather than misread: these
/// stores (ledger, do-not-contact list, digests) cannot be rebuilt from the mailbox, unlike the scan state.
/// </summary>
/// <remarks>
/// A new store takes one of these and changes documents under <see cref="LockAsync"/>, e.g.
/// <code>
/// private readonly MailboxDocuments&lt;ImportDocument&gt; _files = new(stateDirectory, "imports",
///     LocalImportJsonContext.Default.ImportDocument, ImportDocument.CurrentSchemaVersion, "import file");
///
/// await using var guard = await _files.LockAsync(cancellationToken);
/// var document = await _files.ReadAsync(mailbox, cancellationToken) ?? new ImportDocument { Mailbox = mailbox };
/// ... change it ...
/// await _files.WriteAsync(mailbox, document, cancellationToken);
/// </code>
/// </remarks>
internal sealed class MailboxDocuments<T>(string stateDirectory, string folderName, JsonTypeInfo<T> type, int schemaVersion, string description)
    where T : class, IVersionedDocument
{
    /// <summary>The store's folder: <c>folderName</c> in the state folder.</summary>
    public string Directory { get; } = Path.Combine(Path.GetFullPath(stateDirectory), folderName);

    public string PathFor(string mailbox) => LocalStoreFiles.PathFor(Directory, mailbox);

    /// <summary>The mailbox's document, or null when it has none. Needs no lock: a writer replaces the file in one step.</summary>
    /// <exception cref="InvalidDataException">The document has a schema this version does not read.</exception>
    public async Task<T?> ReadAsync(string mailbox, CancellationToken cancellationToken)
    {
        var path = PathFor(mailbox);
        var document = await LocalStoreFiles.ReadAsync(path, type, cancellationToken);
        if (document is not null && document.SchemaVersion != schemaVersion)
        {
            throw new InvalidDataException(
                $"The {description} '{path}' has schema version {document.SchemaVersion}; this version reads {schemaVersion}.");
        }

        return document;
    }

    /// <summary>The folder's lock: hold it around every read-decide-write and every deletion.</summary>
    public Task<FileStream> LockAsync(CancellationToken cancellationToken) => LocalStoreFiles.LockAsync(Directory, cancellationToken);

    /// <summary>Replaces the mailbox's document atomically; call it holding <see cref="LockAsync"/>.</summary>
    public Task WriteAsync(string mailbox, T document, CancellationToken cancellationToken) =>
        LocalStoreFiles.WriteAsync(PathFor(mailbox), document, type, cancellationToken);

    /// <summary>Removes the mailbox's document; call it holding <see cref="LockAsync"/>.</summary>
    public void Delete(string mailbox) => File.Delete(PathFor(mailbox));
}
