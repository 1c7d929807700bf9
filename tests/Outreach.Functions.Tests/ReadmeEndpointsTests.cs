using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outreach.Functions.Tests;

/// <summary>
/// The README's "Endpoints and commands" table has a row for every function the host binds (functions.metadata,
/// which the build writes from the [Function] attributes): each HTTP method and route, each timer and queue
/// function by name; and it names no route the app does not serve.
/// </summary>
public sealed partial class ReadmeEndpointsTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Every_http_route_has_a_row_and_every_row_names_a_route_the_app_serves()
    {
        var (served, _) = Functions();
        var documented = Rows().Where(r => r.Kind == "HTTP").Select(r => Normalize(r.Endpoint)).ToList();

        var missing = served.Except(documented).Order(StringComparer.Ordinal).ToList();
        var unknown = documented.Except(served).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"README.md's endpoint table has no row for: {string.Join(", ", missing)}");
        Assert.True(unknown.Count == 0, $"README.md's endpoint table names routes the app does not serve: {string.Join(", ", unknown)}");
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    [Fact]
    public void Every_timer_and_queue_function_is_named_in_the_table()
    {
        var (_, others) = Functions();
        var named = Rows().Where(r => r.Kind is "timer" or "queue").SelectMany(r => Code().Matches(r.Endpoint).Select(m => m.Groups[1].Value)).ToHashSet();

        var missing = others.Where(f => !named.Contains(f)).ToList();

        Assert.NotEmpty(others);
        Assert.True(missing.Count == 0, $"README.md's endpoint table does not name: {string.Join(", ", missing)}");
    }

    /// <summary>"POST /api/scans" → "post scans": methods compare case-insensitively, routes as written.</summary>
    private static string Normalize(string endpoint)
    {
        var match = Endpoint().Match(endpoint);
        Assert.True(match.Success, $"'{endpoint}' is not `METHOD /api/route`");
        return $"{match.Groups["method"].Value.ToLowerInvariant()} {match.Groups["route"].Value}";
    }

    /// <summary>HTTP bindings as "method route", and the names of the other (timer, queue) functions.</summary>
    private static (List<string> Http, List<string> Others) Functions()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var metadata = Path.Combine(Root, "src", "Outreach.Functions", "bin", output.Parent!.Name, output.Name, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        var http = new List<string>();
        var others = new List<string>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var triggers = function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger").ToList();
            if (triggers.Count == 0) others.Add(function.GetProperty("name").GetString()!);
            foreach (var trigger in triggers)
            {
                var route = trigger.GetProperty("route").GetString()!;
                http.AddRange(trigger.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToLowerInvariant()} {route}"));
            }
        }

        return (http, others);
    }

    /// <summary>Rows of the table under "## Endpoints and commands": kind, then the endpoint or command cell.</summary>
    private static List<(string Kind, string Endpoint)> Rows()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var start = readme.IndexOf("\n## Endpoints and commands\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Endpoints and commands' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];

        var rows = section.Split('\n').Select(l => Row().Match(l.Trim())).Where(m => m.Success)
            .Select(m => (m.Groups["kind"].Value, m.Groups["endpoint"].Value.Trim())).ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outreach.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"^\|\s*(?<kind>HTTP|timer|queue|CLI)\s*\|(?<endpoint>[^|]+)\|")]
    private static partial Regex Row();

    [GeneratedRegex(@"^`(?<method>[A-Z]+) /api/(?<route>[^`]+)`$")]
    private static partial Regex Endpoint();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();
}
