using Outreach.Graph;

namespace Outreach.Cli.Scan;

/// <summary>The CLI's kebab-case names for <see cref="GraphAuthMode"/>.</summary>
internal static class AuthMode
{
    private static readonly Dictionary<string, GraphAuthMode> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = GraphAuthMode.Default,
        ["managed-identity"] = GraphAuthMode.ManagedIdentity,
        ["client-secret"] = GraphAuthMode.ClientSecret,
        ["client-certificate"] = GraphAuthMode.ClientCertificate,
        ["device-code"] = GraphAuthMode.DeviceCode,
        ["token"] = GraphAuthMode.Token,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static GraphAuthMode? Parse(string text) => ByName.TryGetValue(text.Trim(), out var mode) ? mode : null;
}
