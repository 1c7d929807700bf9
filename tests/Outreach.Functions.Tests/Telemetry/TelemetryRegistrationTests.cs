using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Outreach.Functions.Telemetry;

namespace Outreach.Functions.Tests.Telemetry;

/// <summary>The Azure Monitor exporter only with a connection string, sending with the identity the authentication string names.</summary>
public sealed class TelemetryRegistrationTests
{
    private static ServiceCollection Register(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging().AddOutreachTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }

    private static bool HasAzureMonitor(IServiceCollection services) =>
        services.Any(d => (d.ServiceType.FullName + " " + d.ImplementationType?.FullName + " " + d.ServiceType.GenericTypeArguments.FirstOrDefault()?.FullName)
            .Contains("Azure.Monitor", StringComparison.Ordinal));

    [Fact]
    public void Without_a_connection_string_nothing_is_exported_to_Azure_Monitor()
    {
        var services = Register([]);

        Assert.False(HasAzureMonitor(services));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<TracerProvider>());
    }

    [Fact]
    public void With_a_connection_string_the_Azure_Monitor_exporter_is_registered()
    {
        var services = Register(new()
        {
            [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
        });

        Assert.True(HasAzureMonitor(services));
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData(" authorization = aad ; clientid = 1 ", true)]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555", false)]
    [InlineData("Authorization=Key", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_authentication_string_becomes_a_managed_identity_credential_only_when_it_asks_for_Entra(string? value, bool managedIdentity)
    {
        var credential = TelemetryServiceCollectionExtensions.CredentialFor(value);

        Assert.Equal(managedIdentity, credential is ManagedIdentityCredential);
        Assert.Equal(managedIdentity, credential is not null);
    }
}
