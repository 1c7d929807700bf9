using Outreach.Cli.Tests.Support;

namespace Outreach.Cli.Tests.Scan;

public sealed class ScanArgumentsTests
{
    [Theory]
    [InlineData("Give either --sample or --mailbox", "scan")]
    [InlineData("Give either --sample or --mailbox", "scan", "--sample", "--mailbox", "a@b.com")]
    [InlineData("--mailbox: 'avery' is not a user principal name", "scan", "--mailbox", "avery")]
    [InlineData("--format: 'xml' is not a format", "scan", "--sample", "--format", "xml")]
    [InlineData("--as-of: 'yesterday' is not an ISO-8601 date-time", "scan", "--sample", "--as-of", "yesterday")]
    [InlineData("--graph-base-url: 'graph' is not an absolute http(s) URL", "scan", "--mailbox", "a@b.com", "--graph-base-url", "graph")]
    [InlineData("--internal-domain: 'not a domain' is not a domain name", "scan", "--sample", "--internal-domain", "not a domain")]
    [InlineData("--auth: 'magic' is not a sign-in mode", "scan", "--mailbox", "a@b.com", "--auth", "magic")]
    public async Task Bad_arguments_get_a_clear_message_and_a_non_zero_exit(string message, params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Console + run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task An_unknown_option_is_refused()
    {
        var run = await CliRun.RunAsync("scan", "--sample", "--colour");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--colour", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_scan_options()
    {
        var run = await CliRun.RunAsync("scan", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--sample", "--mailbox", "--graph-base-url", "--as-of", "--format", "--state-dir", "--internal-domain" })
        {
            Assert.Contains(option, run.Console, StringComparison.Ordinal);
        }
    }
}
