using System.Globalization;
using Outreach.Cli.Tests.Support;

namespace Outreach.Cli.Tests.Scan;

/// <summary>Issue 12: what --as-of may be, and that evaluating in the future leaves the stored state alone.</summary>
public sealed class AsOfTests
{
    private const string AsOf = "2026-03-02T09:00:00Z";

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task An_as_of_the_look_back_cannot_be_computed_from_is_refused_as_a_bad_argument(string asOf)
    {
        var run = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", asOf);

        Assert.Equal(-1, run.ExitCode);
        Assert.Contains($"--as-of: '{asOf}' is outside 1970-01-01 to 9000-01-01", run.Console + run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task The_earliest_accepted_as_of_scans()
    {
        var run = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", "1970-01-01T00:00:00Z");

        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(run.ContactsByEmail());
    }

    [Fact]
    public async Task A_future_as_of_evaluates_without_changing_the_stored_state()
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "outreach-cli-as-of-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", AsOf, "--state-dir", stateDir);
            var stored = Snapshot(stateDir);
            var future = DateTimeOffset.UtcNow.AddYears(3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

            var ahead = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", future, "--state-dir", stateDir);
            var again = await CliRun.RunAsync("scan", "--sample", "--format", "json", "--as-of", AsOf, "--state-dir", stateDir);

            Assert.Equal(0, ahead.ExitCode);
            Assert.NotEmpty(ahead.ContactsByEmail());
            Assert.NotEmpty(stored);
            Assert.Equal(stored, Snapshot(stateDir));
            Assert.Equal(Statuses(first), Statuses(again));
        }
        finally
        {
            if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
        }
    }

    private static Dictionary<string, string?> Statuses(CliRun run) =>
        run.ContactsByEmail().ToDictionary(c => c.Key, c => c.Value.GetProperty("status").GetString());

    private static SortedDictionary<string, string> Snapshot(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToBase64String(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
