using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Imports;
using Outreach.Storage.Files.Imports;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Files.Tests.Imports;

/// <summary>The file store against the shared import contract (tests/Contracts), plus what is its own.</summary>
public sealed class FileImportStoreTests : ImportStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-imports-" + Guid.NewGuid().ToString("N"));

    protected override IImportStore CreateStore() => new FileImportStore(_directory);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_imported_export_leaves_no_subject_or_content_in_the_stored_bytes()
    {
        var importer = new LinkedInImporter(CreateStore(), Options.Create(new ImportOptions()), NullLogger<LinkedInImporter>.Instance);

        var result = await importer.ImportAsync(Mailbox, LinkedInExportFixture.Folder, Cancel);

        Assert.Equal(LinkedInExportFixture.Messages, result.MessagesAdded);
        var stored = Directory.GetFiles(_directory, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.Contains(stored, text => text.Contains("priya.raman@fabrikam.com", StringComparison.Ordinal));
        foreach (var marker in LinkedInExportFixture.ContentMarkers)
        {
            Assert.DoesNotContain(stored, text => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Erasing_deletes_the_mailbox_file()
    {
        var store = CreateStore();
        await store.MergeAsync(Mailbox, Batch(("dana@fabrikam.com", 2)), Cancel);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, FileImportStore.FolderName), "*.json"));

        await store.EraseAsync(Mailbox, Cancel);

        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, FileImportStore.FolderName), "*.json"));
    }
}
