using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph;
using Outreach.Graph.Sample;

namespace Outreach.Cli.Scan;

/// <summary>
/// The CLI's composition root for one scan: the same core services as the Functions app, the embedded
/// local store, and either the Graph reader or the bundled sample. Settings come from environment
/// variables (Outreach__Graph__ClientId, ...) with the command's options on top.
/// </summary>
internal static class ScanServices
{
    public static ServiceProvider Build(ScanSettings settings, DateTimeOffset asOf, Func<string, CancellationToken, Task> showDeviceCode)
    {
        var overrides = new Dictionary<string, string?>();
        if (settings.GraphBaseUrl is not null) overrides[$"{GraphOptions.SectionName}:BaseUrl"] = settings.GraphBaseUrl;
        if (settings.Auth is not null) overrides[$"{GraphOptions.SectionName}:Auth"] = AuthMode.Parse(settings.Auth)!.Value.ToString();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOutreachCore(configuration);
        services.AddSingleton<IMailboxStateStore>(new FileMailboxStateStore(StateDirectory(settings)));
        if (settings.Sample)
        {
            services.AddSingleton(EmbeddedSample.Load());
            services.AddSingleton<IMailboxReader>(provider => new SampleMailboxReader(provider.GetRequiredService<SampleMailbox>(), asOf));
        }
        else
        {
            services.AddOutreachGraph(configuration, showDeviceCode);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>
    /// --state-dir, else a per-user data folder. The sample gets a fresh folder each run unless one is
    /// given: its dates follow "now", so yesterday's sample state would only confuse.
    /// </summary>
    private static string StateDirectory(ScanSettings settings) =>
        settings.StateDir
        ?? (settings.Sample
            ? Path.Combine(Path.GetTempPath(), "outreach-sample-" + Guid.NewGuid().ToString("N"))
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "outreach"));
}
