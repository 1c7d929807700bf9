using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Scan;
using Outreach.Core;
using Outreach.Core.Invitations;
using Outreach.Graph;
using Outreach.Storage.Files;

namespace Outreach.Cli.Infrastructure;

/// <summary>
/// What every CLI command composes the same way: configuration (environment variables, with the
/// command's options on top) and the embedded local stores under one state folder.
/// </summary>
internal static class CliComposition
{
    /// <param name="sources">The scan's --sources (issue 13), over <c>Outreach__Sources</c>; validated at start-up like it.</param>
    public static IConfiguration Configuration(string? graphBaseUrl, string? auth, string? sources = null)
    {
        var overrides = new Dictionary<string, string?>();
        if (sources is not null) overrides[Core.Sources.SourceOptions.SettingName] = sources;
        if (graphBaseUrl is not null) overrides[$"{GraphOptions.SectionName}:BaseUrl"] = graphBaseUrl;
        if (auth is not null) overrides[$"{GraphOptions.SectionName}:Auth"] = AuthMode.Parse(auth)!.Value.ToString();
        return new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
    }

    /// <summary>Core services and the local stores: state, invitation ledger, do-not-contact list, imports.</summary>
    public static IServiceCollection Services(IConfiguration configuration, string stateDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOutreachCore(configuration);
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection(InvitationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOutreachFileStores(stateDirectory);
        return services;
    }

    /// <summary>The per-user data folder (~/.local/share/outreach on Linux).</summary>
    public static string DefaultStateDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "outreach");
}
