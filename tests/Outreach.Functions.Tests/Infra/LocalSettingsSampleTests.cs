using System.Text.Json;
using System.Text.RegularExpressions;
using Outreach.Storage;

namespace Outreach.Functions.Tests.Infra;

/// <summary>
/// src/Outreach.Functions/local.settings.sample.json (what the README says to copy before `func start`)
/// sets only settings the code or the Functions host reads, and holds no secret.
/// </summary>
public sealed partial class AppSettingsTests
{
    private static readonly string LocalSettingsSamplePath = Path.Combine(Root, "src", "Outreach.Functions", "local.settings.sample.json");

    /// <summary>Settings Core Tools itself needs to run an isolated-worker app locally.</summary>
    private static readonly string[] LocalHostSettings = [StorageNames.ConnectionSetting, "FUNCTIONS_WORKER_RUNTIME"];

    private static Dictionary<string, string> LocalSettingsSample()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(LocalSettingsSamplePath));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    [Fact]
    public void Every_setting_in_the_local_settings_sample_is_read_by_the_code_or_the_host()
    {
        var read = ReadByCode().ToList();

        var unknown = LocalSettingsSample().Keys
            .Where(name => !LocalHostSettings.Any(h => Same(h, name)))
            .Where(name =>
            {
                var list = ListEntry().Match(name);
                return list.Success
                    ? !read.Any(r => r.IsList && Same(r.Name, list.Groups["name"].Value))
                    : !read.Any(r => !r.IsList && Same(r.Name, name));
            })
            .ToList();

        Assert.True(unknown.Count == 0, $"local.settings.sample.json sets settings nothing reads (a typo?): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_local_settings_sample_uses_the_storage_emulator_and_holds_no_secret()
    {
        var sample = LocalSettingsSample();

        Assert.Equal("UseDevelopmentStorage=true", sample[StorageNames.ConnectionSetting]);
        Assert.Equal("dotnet-isolated", sample["FUNCTIONS_WORKER_RUNTIME"]);
        foreach (var (name, value) in sample.Where(s => Secure.Contains(s.Key) || s.Key.EndsWith("Secret", StringComparison.OrdinalIgnoreCase) || s.Key.EndsWith("Password", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.True(value.Length == 0 || value.StartsWith('<'), $"{name} in the sample must be empty or a <placeholder>, not a value");
        }
    }

    [Fact]
    public void The_real_local_settings_file_is_ignored_by_git()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".gitignore"));

        Assert.Contains("local.settings.json", ignored);
    }

    [GeneratedRegex(@"^(?<name>.+)__\d+$")]
    private static partial Regex ListEntry();
}
