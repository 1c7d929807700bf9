using System.Text.Json;
using Spectre.Console.Testing;

namespace Outreach.Cli.Tests.Support;

/// <summary>Runs the CLI in-process and keeps what it wrote where.</summary>
internal sealed record CliRun(int ExitCode, string Console, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OutreachCli.RunAsync(args, console, new CliOutput(output, error), TestContext.Current.CancellationToken);
        return new CliRun(exit, console.Output, output.ToString(), error.ToString());
    }

    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

    /// <summary>Contacts by address; a LinkedIn-only contact (issue 13: JSON email null) by its profile URL.</summary>
    public Dictionary<string, JsonElement> ContactsByEmail() =>
        Json().GetProperty("contacts").EnumerateArray()
            .ToDictionary(c => c.GetProperty("email").GetString() ?? c.GetProperty("linkedinUrl").GetString()!);
}
