using System.Text.RegularExpressions;
using Outreach.Cli.Tests.Support;

namespace Outreach.Cli.Tests;

/// <summary>
/// The README's CLI commands: the quick start runs for real; the others (which need a real mailbox) must
/// at least use commands and options the CLI has, so the README cannot drift from the code.
/// </summary>
public sealed partial class ReadmeCliCommandsTests
{
    public static TheoryData<string> Commands()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Outreach.sln"))) directory = directory.Parent;
        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md")).Replace("\\\n", " ", StringComparison.Ordinal);
        var data = new TheoryData<string>();
        foreach (Match match in CliLine().Matches(readme)) data.Add(match.Groups["args"].Value.Trim());
        return data;
    }

    [Fact]
    public async Task The_quick_start_command_runs_and_lists_flagged_contacts()
    {
        Assert.Contains("scan --sample", Commands().Select(c => c.Data));

        var run = await CliRun.RunAsync("scan", "--sample");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\d+ flagged", run.Console);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_README_command_uses_options_the_CLI_has(string command)
    {
        var words = Words().Matches(command).Select(m => m.Value.Trim('"')).ToList();
        // The command's own help: "scan --help", or for a command in a branch "import linkedin --help".
        var path = words.TakeWhile(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var help = await CliRun.RunAsync([.. path, "--help"]);

        Assert.Equal(0, help.ExitCode);
        foreach (var option in words.Where(w => w.StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.Contains(option + " ", help.Console, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"dotnet run --project src/Outreach\.Cli -- (?<args>[^\n`]+)")]
    private static partial Regex CliLine();

    [GeneratedRegex(@"""[^""]*""|\S+")]
    private static partial Regex Words();
}
