namespace Outreach.Storage.Files;

/// <summary>
/// The next version of a file, written in full beside it (see <see cref="LocalStoreFiles.StageAsync"/>).
/// <see cref="Commit"/> renames it over the file in one step; disposing it uncommitted deletes it, so a
/// refused or failed write leaves no temporary file behind.
/// </summary>
internal sealed class StagedFile(string path, string temporaryPath) : IAsyncDisposable
{
    private bool _committed;

    public string Path { get; } = path;

    public string TemporaryPath { get; } = temporaryPath;

    /// <summary>Replaces the file: a crash leaves the old file or the new one, never half of one.</summary>
    public void Commit()
    {
        File.Move(TemporaryPath, Path, overwrite: true);
        _committed = true;
    }

    public ValueTask DisposeAsync()
    {
        if (!_committed) File.Delete(TemporaryPath);
        return ValueTask.CompletedTask;
    }
}
