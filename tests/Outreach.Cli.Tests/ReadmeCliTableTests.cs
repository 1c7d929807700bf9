using System.Text.RegularExpressions;
using Outreach.Cli.Tests.Support;

namespace Outreach.Cli.Tests;

/// <summary>
/// The README's "Endpoints and commands" table lists every command the CLI has (as its own --help lists
/// them), and no command it does not have.
/// </summary>
public sealed partial class ReadmeCliTableTests
{
    [Fact]
    public async Task Every_CLI_command_has_a_row_in_the_README_endpoint_table_and_no_other()
    {
        var help = await CliRun.RunAsync("--help");
        var commandsSection = help.Console[help.Console.IndexOf("COMMANDS:", StringComparison.Ordinal)..];
        var commands = HelpCommand().Matches(commandsSection).Select(m => m.Groups["name"].Value).Order(StringComparer.Ordinal).ToList();

        var documented = TableRows().Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(commands);
        Assert.Equal(commands, documented);
    }

    private static IEnumerable<string> TableRows()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Outreach.sln"))) directory = directory.Parent;
        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
        var start = readme.IndexOf("\n## Endpoints and commands\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Endpoints and commands' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return section.Split('\n').Select(l => CliRow().Match(l.Trim())).Where(m => m.Success).Select(m => m.Groups["name"].Value);
    }

    /// <summary>"    scan      Find the contacts…": a command name at the start of a COMMANDS line.</summary>
    [GeneratedRegex(@"^ {4}(?<name>[a-z][a-z-]*) {2,}", RegexOptions.Multiline)]
    private static partial Regex HelpCommand();

    [GeneratedRegex(@"^\|\s*CLI\s*\|\s*`outreach (?<name>[a-z][a-z-]*)(?: [a-z][a-z-]*)*`")]
    private static partial Regex CliRow();
}
