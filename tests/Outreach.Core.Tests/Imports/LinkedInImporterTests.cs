using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Imports;
using Outreach.Storage.Files.Imports;
using Outreach.Core.Pipeline;
using Outreach.Tests.Contracts;

namespace Outreach.Core.Tests.Imports;

public sealed class LinkedInImporterTests : IDisposable
{
    private const string Mailbox = "Avery.Quinn@northwind-labs.com";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-importer-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private LinkedInImporter Importer(IImportStore store, IMailboxGenerationStore? generations = null) =>
        new(store, Options.Create(new ImportOptions()), NullLogger<LinkedInImporter>.Instance, generations);

    [Fact]
    public async Task The_zip_and_the_folder_import_as_one_export_for_the_normalised_mailbox()
    {
        var store = new FileImportStore(_directory);

        var first = await Importer(store).ImportZipAsync(Mailbox, new MemoryStream(LinkedInExportFixture.Zip()), Cancel);
        var second = await Importer(store).ImportAsync(Mailbox, LinkedInExportFixture.Folder, Cancel);

        Assert.Equal("avery.quinn@northwind-labs.com", first.Mailbox);
        Assert.Equal(LinkedInExportFixture.Contacts + LinkedInExportFixture.Messages, first.Added);
        Assert.Equal(0, second.Added);
        Assert.Equal(LinkedInExportFixture.Messages, second.MessagesTotal);
        Assert.Equal(LinkedInExportFixture.Contacts, second.ContactsTotal);
    }

    [Fact]
    public async Task An_erasure_that_lands_while_the_import_writes_leaves_nothing_imported()
    {
        var generations = new InMemoryMailboxGenerationStore();
        var store = new ErasingDuringMerge(new FileImportStore(_directory), generations);

        await Assert.ThrowsAsync<MailboxErasedException>(() => Importer(store, generations).ImportAsync(Mailbox, LinkedInExportFixture.Folder, Cancel));

        Assert.Empty((await store.LoadAsync(Mailbox, Cancel)).Contacts);
    }

    [Fact]
    public void A_bad_upload_cap_stops_the_host_at_start_up()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Outreach:Imports:MaxUploadBytes"] = "0" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddOutreachImports(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(nameof(ImportOptions.MaxUploadBytes), string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    /// <summary>A store whose merge is overtaken by an erasure: the generation moves after the write.</summary>
    private sealed class ErasingDuringMerge(IImportStore inner, IMailboxGenerationStore generations) : IImportStore
    {
        public async Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken)
        {
            var result = await inner.MergeAsync(mailbox, batch, cancellationToken);
            await generations.AdvanceAsync(mailbox, cancellationToken);
            return result;
        }

        public Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken) => inner.LoadAsync(mailbox, cancellationToken);

        public Task EraseAsync(string mailbox, CancellationToken cancellationToken) => inner.EraseAsync(mailbox, cancellationToken);
    }
}
