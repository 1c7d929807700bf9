using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Outreach.Core.Telemetry;

namespace Outreach.Functions.Telemetry;

/// <summary>
/// OpenTelemetry in the isolated worker, as "Use OpenTelemetry with Azure Functions" describes it
/// (https://learn.microsoft.com/azure/azure-functions/opentelemetry-howto, C#): the worker's defaults
/// (the Functions resource detector and the invocation activities), our ActivitySource and Meter
/// ("Outreach"), and the Azure Monitor exporter only when a connection string is set; host.json's
/// "telemetryMode": "OpenTelemetry" does the same for the host.
/// <para>
/// Deliberately not subscribed: HttpClient and Azure SDK instrumentation. Their spans carry the request URL,
/// and Graph and table URLs hold the mailbox; Graph calls get their own spans without it
/// (<c>Outreach.Graph.GraphRequestCountingHandler</c>).
/// </para>
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Where Application Insights is (an app setting the host reads too).</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// "ClientId=…;Authorization=AAD": send with this managed identity (the component has local auth disabled).
    /// The host reads it; the exporter does not, so it is turned into the exporter's credential here.
    /// </summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddOutreachTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(OutreachTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(OutreachTelemetry.Name));

        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            var credential = CredentialFor(configuration[AuthenticationStringSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (credential is not null) options.Credential = credential;
            });
        }

        return services;
    }

    /// <summary>
    /// The managed identity an authentication string names ("Authorization=AAD", with "ClientId=" for a
    /// user-assigned one); null when it asks for none (then the connection string's key is used).
    /// </summary>
    internal static TokenCredential? CredentialFor(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString)) return null;
        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var mode) || !mode.Equals("AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
