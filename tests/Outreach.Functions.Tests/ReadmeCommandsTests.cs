using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outreach.Functions.Tests;

/// <summary>
/// The README's curl examples cannot reach Azure here, so they are held to what can rot: each must name
/// a route and method the host would bind (functions.metadata), and each body must be JSON.
/// </summary>
public sealed partial class ReadmeCommandsTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outreach.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public static TheoryData<string> CurlCommands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).Replace("\\\n", " ", StringComparison.Ordinal);
        var data = new TheoryData<string>();
        foreach (Match match in Curl().Matches(readme)) data.Add(match.Value.Trim());
        return data;
    }

    /// <summary>Every function-key API, that is: the anonymous review page is opened from the digest email, not with curl.</summary>
    [Fact]
    public void The_README_has_curl_examples_for_every_http_function()
    {
        var routes = HttpRoutes();
        var covered = CurlCommands().Select(row => Bind(row.Data, routes)).ToHashSet();

        Assert.Equal(routes.Where(r => !AnonymousFunctions().Contains(r.Function)).Select(r => r.Function).Distinct().Order(), covered.Order());
        Assert.Equal(["ReviewPageFunction", "ReviewSubmitFunction"], AnonymousFunctions().Order());
    }

    private static HashSet<string> AnonymousFunctions()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var metadata = Path.Combine(Root, "src", "Outreach.Functions", "bin", output.Parent!.Name, output.Name, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        return [.. document.RootElement.EnumerateArray()
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger" && b.GetProperty("authLevel").GetString() == "Anonymous"))
            .Select(f => f.GetProperty("name").GetString()!)];
    }

    [Theory]
    [MemberData(nameof(CurlCommands))]
    public void Each_curl_example_names_a_bound_route_with_a_key_and_valid_json(string command)
    {
        Assert.Contains("x-functions-key", command, StringComparison.Ordinal);
        Assert.NotNull(Bind(command, HttpRoutes()));
        if (Body().Match(command) is { Success: true } body)
        {
            JsonDocument.Parse(body.Groups["json"].Value).Dispose();
        }
    }

    private static string Bind(string command, List<(string Function, string Method, Regex Route)> routes)
    {
        var method = Method().Match(command) is { Success: true } m ? m.Groups["method"].Value.ToLowerInvariant() : "get";
        var path = Path_().Match(command).Groups["path"].Value.Split('?')[0];
        var bound = routes.Where(r => r.Method == method && r.Route.IsMatch(path)).Select(r => r.Function).ToList();
        Assert.True(bound.Count == 1, $"'{method.ToUpperInvariant()} /api/{path}' binds {bound.Count} functions ({command})");
        return bound[0];
    }

    private static List<(string Function, string Method, Regex Route)> HttpRoutes()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var metadata = Path.Combine(Root, "src", "Outreach.Functions", "bin", output.Parent!.Name, output.Name, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));
        var routes = new List<(string, string, Regex)>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                var pattern = "^" + Regex.Replace(Regex.Escape(binding.GetProperty("route").GetString()!), @"\\\{[^/]+?}", "[^/]+") + "$";
                foreach (var method in binding.GetProperty("methods").EnumerateArray())
                {
                    routes.Add((function.GetProperty("name").GetString()!, method.GetString()!, new Regex(pattern)));
                }
            }
        }

        return routes;
    }

    [GeneratedRegex(@"curl [^\n`]*""\$base/[^""]+""[^\n`]*")]
    private static partial Regex Curl();

    [GeneratedRegex(@"-X (?<method>[A-Z]+)")]
    private static partial Regex Method();

    [GeneratedRegex(@"""\$base/(?<path>[^""]+)""")]
    private static partial Regex Path_();

    [GeneratedRegex(@"-d '(?<json>[^']+)'")]
    private static partial Regex Body();
}
