using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Outreach.Functions.Tests.Infra;

/// <summary>
/// Issue 12: a workflow step that appends <c>NAME=value</c> to <c>$GITHUB_ENV</c> breaks (or lets a value inject
/// further variables) when the value spans lines. GitHub documents <c>NAME&lt;&lt;DELIMITER</c>, the value, then
/// <c>DELIMITER</c>, with a delimiter the value cannot contain:
/// https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#multiline-strings
/// </summary>
public sealed partial class WorkflowEnvFileTests
{
    private static readonly string Root = FindRoot();

    /// <summary>
    /// deploy.yml forwards repository variables, which may hold anything. (ci.yml's browser step writes two
    /// runner paths in the single-line form; nothing user-supplied goes through it.)
    /// </summary>
    [Fact]
    public void Every_deploy_step_writing_GITHUB_ENV_uses_the_multiline_form_with_a_random_delimiter()
    {
        foreach (var (line, script) in RunScripts(Path.Combine(Root, ".github", "workflows", "deploy.yml")).Where(s => WritesEnvFile().IsMatch(s.Script)))
        {
            Assert.True(script.Contains("<<", StringComparison.Ordinal), $"deploy.yml:{line} writes $GITHUB_ENV without the NAME<<DELIMITER form");
            Assert.True(RandomSource().IsMatch(script), $"deploy.yml:{line} writes $GITHUB_ENV with a fixed delimiter; a value could contain it");
            Assert.DoesNotMatch(SingleLineForm(), script);
        }
    }

    [Fact]
    public void The_deploy_workflow_passes_OUTREACH_variables_on_through_GITHUB_ENV()
    {
        Assert.Contains(RunScripts(Path.Combine(Root, ".github", "workflows", "deploy.yml")), s => WritesEnvFile().IsMatch(s.Script) && s.Script.Contains("OUTREACH_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_deploy_step_writes_a_multi_line_variable_that_reads_back_exactly()
    {
        Assert.SkipWhen(!OnPath("bash") || !OnPath("jq") || !OnPath("openssl"), "needs bash, jq and openssl (as on the GitHub runner)");
        var script = RunScripts(Path.Combine(Root, ".github", "workflows", "deploy.yml"))
            .Single(s => WritesEnvFile().IsMatch(s.Script) && s.Script.Contains("OUTREACH_", StringComparison.Ordinal)).Script;
        var envFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("bash", ["-e", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["GITHUB_ENV"] = envFile;
            start.Environment["VARS"] = """
                {"OUTREACH_Invitations__Templates__0__Body":"Hi {name},\nshall we meet?\nOUTREACH_Injected=1","OUTREACH_Plain":"a=b","OUTREACH_Empty":"","OTHER":"x"}
                """;
            using var process = Process.Start(start)!;
            var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, stderr);

            var variables = ParseEnvFile(await File.ReadAllLinesAsync(envFile, TestContext.Current.CancellationToken));

            Assert.Equal(
                new Dictionary<string, string> { ["OUTREACH_Invitations__Templates__0__Body"] = "Hi {name},\nshall we meet?\nOUTREACH_Injected=1", ["OUTREACH_Plain"] = "a=b" },
                variables);
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    /// <summary>Reads an environment file as the runner does: NAME=value lines, or NAME&lt;&lt;DELIMITER blocks.</summary>
    private static Dictionary<string, string> ParseEnvFile(string[] lines)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var heredoc = lines[i].IndexOf("<<", StringComparison.Ordinal);
            var equals = lines[i].IndexOf('=', StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var name = lines[i][..heredoc];
                var delimiter = lines[i][(heredoc + 2)..];
                var end = Array.IndexOf(lines, delimiter, i + 1);
                Assert.True(end > i, $"no closing delimiter for {name}");
                variables[name] = string.Join('\n', lines[(i + 1)..end]);
                i = end;
            }
            else
            {
                // The runner refuses such a line ("Invalid format"): a value broke out of its NAME=value line.
                Assert.True(equals > 0, $"line {i + 1} '{lines[i]}' is neither NAME=value nor NAME<<DELIMITER");
                variables[lines[i][..equals]] = lines[i][(equals + 1)..];
            }
        }

        return variables;
    }

    /// <summary>The shell of every <c>run:</c> step (block or single line), with the line it starts on.</summary>
    private static List<(int Line, string Script)> RunScripts(string path)
    {
        var lines = File.ReadAllLines(path);
        var scripts = new List<(int, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = RunKey().Match(lines[i]);
            if (!match.Success) continue;
            var value = match.Groups["value"].Value.Trim();
            if (value is not ("|" or ">" or "|-" or ">-"))
            {
                scripts.Add((i + 1, value));
                continue;
            }

            var indent = match.Groups["indent"].Length;
            var body = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && (lines[j].Trim().Length == 0 || lines[j].Length - lines[j].TrimStart().Length > indent); j++) body.Add(lines[j]);
            var margin = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
            scripts.Add((i + 1, string.Join('\n', body.Select(l => l.Length >= margin ? l[margin..] : l.TrimStart()))));
            i = j - 1;
        }

        return scripts;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Outreach.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"Outreach.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^(?<indent>\s*)(- )?run:\s*(?<value>.*)$")]
    private static partial Regex RunKey();

    [GeneratedRegex(@">>\s*""?\$\{?GITHUB_ENV")]
    private static partial Regex WritesEnvFile();

    [GeneratedRegex(@"openssl rand|/dev/urandom|uuidgen")]
    private static partial Regex RandomSource();

    /// <summary><c>echo "NAME=$value" &gt;&gt; $GITHUB_ENV</c> or a jq filter emitting <c>"\(.key)=\(.value)"</c>.</summary>
    [GeneratedRegex(@"(echo\s+[""']?\w+=|\)=\\\()")]
    private static partial Regex SingleLineForm();
}
