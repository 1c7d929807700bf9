using Outreach.Storage.Files.Invitations;

namespace Outreach.Storage.Files.Tests;

/// <summary>One store's folder of per-mailbox documents, as a new local store would use it.</summary>
public sealed class MailboxDocumentsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-documents-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private MailboxDocuments<SuppressionDocument> Documents() =>
        new(_directory, "things", LocalInvitationJsonContext.Default.SuppressionDocument, SuppressionDocument.CurrentSchemaVersion, "thing file");

    [Fact]
    public async Task A_document_written_under_the_lock_reads_back_from_the_stores_folder()
    {
        var documents = Documents();
        await using (await documents.LockAsync(Cancel))
        {
            await documents.WriteAsync("Avery@Northwind.com", new SuppressionDocument { Mailbox = "avery@northwind.com" }, Cancel);
        }

        Assert.Equal("avery@northwind.com", (await Documents().ReadAsync("avery@northwind.com", Cancel))!.Mailbox);
        Assert.Equal(Path.Combine(_directory, "things"), documents.Directory);
        Assert.True(File.Exists(Path.Combine(_directory, "things", "avery@northwind.com.json")));
    }

    [Fact]
    public async Task A_document_of_an_unknown_schema_is_refused_naming_the_store()
    {
        var documents = Documents();
        Directory.CreateDirectory(documents.Directory);
        await File.WriteAllTextAsync(documents.PathFor("avery@northwind.com"), """{"schemaVersion":7,"mailbox":"avery@northwind.com"}""", Cancel);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => documents.ReadAsync("avery@northwind.com", Cancel));

        Assert.StartsWith("The thing file '", refused.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 7", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_document_reads_as_absent_and_leaves_only_the_lock_file()
    {
        var documents = Documents();
        await using (await documents.LockAsync(Cancel))
        {
            await documents.WriteAsync("avery@northwind.com", new SuppressionDocument { Mailbox = "avery@northwind.com" }, Cancel);
            documents.Delete("avery@northwind.com");
        }

        Assert.Null(await documents.ReadAsync("avery@northwind.com", Cancel));
        Assert.Equal([LocalStoreFiles.LockFileName], Directory.GetFiles(documents.Directory).Select(Path.GetFileName));
    }
}
