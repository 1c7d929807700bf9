using Outreach.Cli.Tests.Support;
using Outreach.Core.Imports;
using Outreach.Storage.Files.Imports;
using Outreach.Tests.Contracts;

namespace Outreach.Cli.Tests.Import;

/// <summary>`outreach import linkedin` on the export fixture (tests/Fixtures/LinkedInExport), into a state folder of its own.</summary>
public sealed class ImportLinkedInCommandTests : IDisposable
{
    private const string Mailbox = "avery.quinn@northwind-labs.com";

    private readonly string _state = Path.Combine(Path.GetTempPath(), "outreach-import-cli-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_state)) Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task Importing_a_folder_prints_the_counts_as_json_and_stores_them_for_later_scans()
    {
        var run = await CliRun.RunAsync("import", "linkedin", "--mailbox", Mailbox, "--export", LinkedInExportFixture.Folder, "--state-dir", _state, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(Mailbox, json.GetProperty("mailbox").GetString());
        Assert.Equal(LinkedInExportFixture.Contacts, json.GetProperty("contacts").GetInt32());
        Assert.Equal(LinkedInExportFixture.Messages, json.GetProperty("messages").GetInt32());
        Assert.Equal(LinkedInExportFixture.Contacts + LinkedInExportFixture.Messages, json.GetProperty("added").GetInt32());
        Assert.Equal(LinkedInExportFixture.SkippedRows, json.GetProperty("skippedRows").GetInt32());
        Assert.Equal(LinkedInExportFixture.SkippedRows, json.GetProperty("skipped").GetArrayLength());
        Assert.Empty(run.Error);

        var loaded = await new FileImportStore(_state).LoadAsync(Mailbox, Cancel);
        Assert.Equal(LinkedInExportFixture.Messages, loaded.Messages.Count);
        Assert.All(loaded.Messages, m => Assert.Equal(Core.Touchpoints.TextChannel.LinkedIn, m.Channel));
    }

    [Fact]
    public async Task Importing_the_same_zip_again_adds_nothing_and_says_so()
    {
        var zip = LinkedInExportFixture.ZipFilePath();
        try
        {
            var first = await CliRun.RunAsync("import", "linkedin", "--mailbox", Mailbox, "--export", zip, "--state-dir", _state);
            var again = await CliRun.RunAsync("import", "linkedin", "--mailbox", Mailbox, "--export", zip, "--state-dir", _state);

            Assert.Equal(0, first.ExitCode);
            Assert.Contains("LinkedIn import for " + Mailbox, first.Console, StringComparison.Ordinal);
            Assert.Contains($"{LinkedInExportFixture.Contacts + LinkedInExportFixture.Messages} added", first.Console, StringComparison.Ordinal);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("0 added", again.Console, StringComparison.Ordinal);
            Assert.Contains("imported before", again.Console, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task The_state_folder_holds_no_subject_or_content_of_the_export()
    {
        await CliRun.RunAsync("import", "linkedin", "--mailbox", Mailbox, "--export", LinkedInExportFixture.Folder, "--state-dir", _state);

        var stored = Directory.GetFiles(_state, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();

        Assert.NotEmpty(stored);
        foreach (var marker in LinkedInExportFixture.ContentMarkers)
        {
            Assert.DoesNotContain(stored, text => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_scan_with_the_same_state_folder_runs_alongside_the_imports()
    {
        await CliRun.RunAsync("import", "linkedin", "--mailbox", Mailbox, "--export", LinkedInExportFixture.Folder, "--state-dir", _state);

        var scan = await CliRun.RunAsync("scan", "--sample", "--state-dir", _state, "--format", "json");

        Assert.Equal(0, scan.ExitCode);
        Assert.NotEqual(ImportedActivity.Empty, await new FileImportStore(_state).LoadAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task An_export_that_is_not_a_zip_exits_2_naming_the_option_and_the_problem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-zip-{Guid.NewGuid():N}.zip");
        await File.WriteAllTextAsync(path, "First Name,Last Name\n", Cancel);
        try
        {
            var run = await CliRun.RunAsync("import", "linkedin", "--mailbox", Mailbox, "--export", path, "--state-dir", _state);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--export", run.Error, StringComparison.Ordinal);
            Assert.Contains("not a zip archive", run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(_state, FileImportStore.FolderName)) && Directory.GetFiles(Path.Combine(_state, FileImportStore.FolderName), "*.json").Length > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_export_exits_2()
    {
        var run = await CliRun.RunAsync("import", "linkedin", "--mailbox", Mailbox, "--export", Path.Combine(_state, "missing.zip"), "--state-dir", _state);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("neither a zip file nor a folder", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--export", "x.zip")]
    [InlineData("--mailbox", "not-an-address", "--export", "x.zip")]
    [InlineData("--mailbox", Mailbox)]
    [InlineData("--mailbox", Mailbox, "--export", "x.zip", "--format", "xml")]
    public async Task Bad_arguments_are_refused_before_anything_is_read(params string[] args)
    {
        var run = await CliRun.RunAsync(["import", "linkedin", .. args, "--state-dir", _state]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(Directory.Exists(_state));
    }
}
