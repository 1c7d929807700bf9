using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Graph.Calendar;
using Outreach.Core.Sources;
using Outreach.Graph.Mailboxes;
using Outreach.Graph.Auth;
using Outreach.Graph.Reading;

namespace Outreach.Graph;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// The Graph adapter: options from "Outreach:Graph" (validated at start-up), a bearer token from
    /// OUTREACH_GRAPH_TOKEN when set, one shared Graph client, and the readers (mailbox, Teams).
    /// </summary>
    public static IServiceCollection AddOutreachGraph(
        this IServiceCollection services, IConfiguration configuration, Func<string, CancellationToken, Task>? showDeviceCode = null) =>
        services.AddOutreachGraph(configuration, showDeviceCode, delegatedPermissions: null);

    /// <param name="delegatedPermissions">
    /// What a delegated sign-in (device code) asks for: the command's own needs, e.g.
    /// <see cref="GraphPermissions.DelegatedInvitations"/>; null: the scan's.
    /// </param>
    public static IServiceCollection AddOutreachGraph(
        this IServiceCollection services, IConfiguration configuration, Func<string, CancellationToken, Task>? showDeviceCode,
        IReadOnlyList<string>? delegatedPermissions)
    {
        services.AddOptions<GraphOptions>()
            .Bind(configuration.GetSection(GraphOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.AccessToken))
                {
                    options.AccessToken = Environment.GetEnvironmentVariable(GraphOptions.TokenEnvironmentVariable);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<GraphOptions>>().Value;
            return OutreachGraphClientFactory.Create(options, GraphAuthentication.Create(options, showDeviceCode, delegatedPermissions));
        });
        services.TryAddSingleton<IMailboxReader, GraphMailboxReader>();
        services.TryAddSingleton<ITeamsReader, Teams.GraphTeamsReader>();
        services.TryAddSingleton<IMailboxDirectory, GraphGroupMailboxDirectory>();
        services.TryAddSingleton<ICalendarWriter, GraphCalendarWriter>();
        services.TryAddSingleton<Core.Digest.IDigestMailer, Mail.GraphDigestMailer>();
        return services;
    }
}
