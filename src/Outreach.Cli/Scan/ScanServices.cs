using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Infrastructure;
using Outreach.Core.Sources;
using Outreach.Graph;
using Outreach.Graph.Sample;

namespace Outreach.Cli.Scan;

/// <summary>
/// The CLI's composition root for one scan: the same core services as the Functions app, the embedded
/// local stores, and either the Graph reader or the bundled sample.
/// </summary>
internal static class ScanServices
{
    public static ServiceProvider Build(ScanSettings settings, DateTimeOffset asOf, string stateDirectory, Func<string, CancellationToken, Task> showDeviceCode)
    {
        // The sample reads every source (issue 13) unless --sources says otherwise: it has Teams calls and chats to show.
        var sources = settings.Sources ?? (settings.Sample ? SourceNames.Format(SourceKinds.Mail | SourceKinds.Calendar | SourceKinds.TeamsCalls | SourceKinds.TeamsChats) : null);
        var configuration = CliComposition.Configuration(settings.GraphBaseUrl, settings.Auth, sources);
        var services = CliComposition.Services(configuration, stateDirectory);
        if (settings.Sample)
        {
            services.AddSingleton(EmbeddedSample.Load());
            services.AddSingleton<IMailboxReader>(provider => new SampleMailboxReader(provider.GetRequiredService<SampleMailbox>(), asOf));
            services.AddSingleton<ITeamsReader>(provider => new SampleTeamsReader(provider.GetRequiredService<SampleMailbox>(), asOf));
            // The sample's LinkedIn export, as if imported: after (so over) whatever import store the CLI keeps.
            services.AddSingleton<Outreach.Core.Imports.IImportStore>(provider => new SampleImports(provider.GetRequiredService<SampleMailbox>(), asOf));
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
    public static string StateDirectory(ScanSettings settings) =>
        settings.StateDir
        ?? (settings.Sample
            ? Path.Combine(Path.GetTempPath(), "outreach-sample-" + Guid.NewGuid().ToString("N"))
            : CliComposition.DefaultStateDirectory());
}
