using System.Diagnostics;

namespace Outreach.Cli.Tests.Support;

/// <summary>Runs the real `outreach` executable as its own process, with a Graph token in its environment.</summary>
internal static class CliProcess
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "outreach.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["OUTREACH_GRAPH_TOKEN"] = "loopback-token";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
