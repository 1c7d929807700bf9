using System.Text.RegularExpressions;
using Outreach.Core.Invitations.Templates;
using Outreach.Functions.Tests.Infra;
using Outreach.Graph;

namespace Outreach.Functions.Tests;

/// <summary>
/// The README's Configuration section lists every setting the code binds (the options classes, the storage
/// connection, the weekly schedule: the same list the deployment is checked against) and nothing else, so an
/// operator never meets a setting the README does not name, nor sets one that nothing reads.
/// </summary>
public sealed partial class ReadmeSettingsTests
{
    /// <summary>Read by the code but not an options property: the token's environment variable (GraphOptions.TokenEnvironmentVariable).</summary>
    private static readonly string[] NotOptions = [GraphOptions.TokenEnvironmentVariable];

    private const string TemplatesPrefix = "Outreach__Invitations__Templates__<name>__";

    [Fact]
    public void Every_setting_the_code_binds_has_a_row_in_the_README_configuration_table()
    {
        var documented = Documented(ConfigurationSection(ReadmeText()));

        var missing = AppSettingsTests.ReadByCode().Concat(AppSettingsTests.ReadByCodeButNotDeployed())
            .Where(s => !documented.Any(d => d.IsList == s.IsList && Same(d.Name, s.Name)))
            .Select(s => s.IsList ? $"{s.Name}__0 …" : s.Name)
            .ToList();

        Assert.True(missing.Count == 0, $"README.md's Configuration table does not list: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_setting_in_the_README_configuration_table_is_bound_by_the_code()
    {
        var read = AppSettingsTests.ReadByCode().Concat(AppSettingsTests.ReadByCodeButNotDeployed()).ToList();

        var unknown = Documented(ConfigurationSection(ReadmeText()))
            .Where(d => !d.Name.StartsWith(TemplatesPrefix, StringComparison.Ordinal))
            .Where(d => !NotOptions.Any(n => Same(n, d.Name)))
            .Where(d => !read.Any(r => r.IsList == d.IsList && Same(r.Name, d.Name)))
            .Select(d => d.Name)
            .ToList();

        Assert.True(unknown.Count == 0, $"README.md's Configuration table lists settings nothing binds (a typo, or a list written without __0?): {string.Join(", ", unknown)}");
    }

    /// <summary>Custom templates are a dictionary: one row per property a template has, and no other.</summary>
    [Fact]
    public void The_README_configuration_table_lists_each_custom_template_property()
    {
        var documented = Documented(ConfigurationSection(ReadmeText()))
            .Where(d => d.Name.StartsWith(TemplatesPrefix, StringComparison.Ordinal))
            .Select(d => d.Name[TemplatesPrefix.Length..])
            .Order(StringComparer.Ordinal);

        var properties = AppSettingsTests.Settable(typeof(InvitationTemplateDefinition)).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(properties, documented);
    }

    /// <summary>The parser itself: plain names, continuations, lists; prose that names a setting is not a row.</summary>
    [Fact]
    public void The_table_parser_reads_names_lists_and_continuations()
    {
        const string section = """
            | setting | default | meaning |
            |---|---|---|
            | `Outreach__Graph__MaxRetries` | 6 | retries |
            | `Outreach__Graph__TenantId`, `__ClientId` | – | sign-in |
            | `Outreach__Policy__InternalDomains__0` … | – | more |

            Prose with `Outreach__Digest__TopN` in it is not a row.
            """;

        var names = Documented(section).Select(d => (d.Name, d.IsList)).ToList();

        Assert.Equal(
            [("Outreach__Graph__MaxRetries", false), ("Outreach__Graph__TenantId", false), ("Outreach__Graph__ClientId", false), ("Outreach__Policy__InternalDomains", true)],
            names);
    }

    private static string ReadmeText()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Outreach.sln"))) directory = directory.Parent;
        return File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
    }

    /// <summary>From "## Configuration" to the next "## " heading (subsections and their tables included).</summary>
    private static string ConfigurationSection(string readme)
    {
        var start = readme.IndexOf("\n## Configuration\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Configuration' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    /// <summary>
    /// The settings named in the first cell of each table row that starts with a backticked name. A name
    /// starting with "__" continues the previous one's section ("`Outreach__Graph__TenantId`, `__ClientId`");
    /// "__0" ends a list.
    /// </summary>
    private static List<(string Name, bool IsList)> Documented(string section)
    {
        var settings = new List<(string, bool)>();
        foreach (var line in section.Split('\n'))
        {
            var row = Row().Match(line.Trim());
            if (!row.Success) continue;
            string? previous = null;
            foreach (Match code in Code().Matches(row.Groups["cell"].Value))
            {
                var name = code.Groups[1].Value;
                if (name.StartsWith("__", StringComparison.Ordinal) && previous is not null) name = previous[..previous.LastIndexOf("__", StringComparison.Ordinal)] + name;
                previous = name;
                var list = ListEntry().Match(name);
                settings.Add(list.Success ? (list.Groups["name"].Value, true) : (name, false));
            }
        }

        return settings;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\|\s*(?<cell>`[^|]+)\|")]
    private static partial Regex Row();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^(?<name>.+)__0$")]
    private static partial Regex ListEntry();
}
