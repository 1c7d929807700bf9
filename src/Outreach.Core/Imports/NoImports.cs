namespace Outreach.Core.Imports;

/// <summary>
/// The import store of a host that keeps no imports: nothing was imported, so every scan evaluates the harvest
/// alone. Registered only where no real store is (the CLI and the Functions app register theirs).
/// </summary>
public sealed class NoImports : IImportStore
{
    public Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This host keeps no imports; register an IImportStore to import.");

    public Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken) => Task.FromResult(ImportedActivity.Empty);

    public Task EraseAsync(string mailbox, CancellationToken cancellationToken) => Task.CompletedTask;
}
