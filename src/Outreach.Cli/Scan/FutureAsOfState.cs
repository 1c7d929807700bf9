namespace Outreach.Cli.Scan;

/// <summary>
/// A run as of a moment later than now would prune the stored touchpoints that fall out of that moment's
/// look-back and save the cursors past them; later runs as of now read incrementally from those cursors and
/// would never see the pruned touchpoints again. So such a run works on a throwaway copy of the state folder:
/// it still reads incrementally from the stored cursors, and saves nothing back.
/// </summary>
internal sealed class FutureAsOfState : IDisposable
{
    /// <summary>Clock skew allowed before an --as-of counts as "later than now".</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private FutureAsOfState(string path) => Path = path;

    /// <summary>The folder the run uses instead of the real one.</summary>
    public string Path { get; }

    /// <summary>A copy of <paramref name="stateDirectory"/> when <paramref name="asOf"/> is beyond now (plus the tolerance), else null.</summary>
    public static FutureAsOfState? For(string stateDirectory, DateTimeOffset asOf, DateTimeOffset now)
    {
        if (asOf <= now + Tolerance) return null;
        var copy = new FutureAsOfState(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outreach-as-of-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(copy.Path);
        if (Directory.Exists(stateDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(stateDirectory, "*", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(copy.Path, System.IO.Path.GetRelativePath(stateDirectory, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return copy;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the scan's answer is what matters.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
