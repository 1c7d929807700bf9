using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core;
using Outreach.Core.Pipeline;
using Outreach.Core.State;
using Outreach.Storage.Pipeline;
using Outreach.Storage.State;

namespace Outreach.Storage.Tests;

/// <summary>The AzureWebJobsStorage setting in both of its forms, and what a bad one says at start-up.</summary>
public sealed class StorageServiceCollectionExtensionsTests
{
    private const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static ServiceProvider Services(Dictionary<string, string?> settings) => ServicesFrom(
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static ServiceProvider ServicesFrom(IConfiguration configuration) =>
        new ServiceCollection().AddLogging().AddOutreachStorage(configuration).BuildServiceProvider();

    private static StorageOptions Validated(ServiceProvider services)
    {
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<IOptions<StorageOptions>>().Value;
    }

    private static OptionsValidationException Refused(ServiceProvider services) =>
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

    [Fact]
    public void The_development_storage_connection_string_binds_and_points_at_azurite()
    {
        using var services = Services(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var options = Validated(services);

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.True(options.UsesConnectionString);
        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal("devstoreaccount1", tables.AccountName);
        Assert.Equal(10002, tables.Uri.Port);
        Assert.Equal(10001, queues.Uri.Port);
    }

    [Fact]
    public void An_account_connection_string_binds()
    {
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};" +
            "QueueEndpoint=http://127.0.0.1:21001/devstoreaccount1;TableEndpoint=http://127.0.0.1:21002/devstoreaccount1;";
        using var services = Services(new() { ["AzureWebJobsStorage"] = connection });

        Validated(services);

        Assert.Equal(21002, services.GetRequiredService<TableServiceClient>().Uri.Port);
        Assert.Equal(21001, services.GetRequiredService<QueueServiceClient>().Uri.Port);
    }

    [Fact]
    public void The_account_name_form_binds_from_double_underscore_environment_variables()
    {
        // A prefix of this test's own keeps the process-wide environment free of clashes.
        var prefix = $"OUTREACH_T{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__accountName", "outreachdata");
        Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__credential", "managedidentity");
        Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__clientId", "00000000-0000-0000-0000-00000000abcd");
        try
        {
            using var services = ServicesFrom(new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build());

            var options = Validated(services);

            Assert.False(options.UsesConnectionString);
            Assert.Equal("outreachdata", options.AccountName);
            Assert.True(options.UsesManagedIdentity);
            Assert.Equal("00000000-0000-0000-0000-00000000abcd", options.ClientId);
            Assert.Equal(new Uri("https://outreachdata.table.core.windows.net/"), services.GetRequiredService<TableServiceClient>().Uri);
            Assert.Equal(new Uri("https://outreachdata.queue.core.windows.net/"), services.GetRequiredService<QueueServiceClient>().Uri);
            Assert.IsType<ManagedIdentityCredential>(StorageClientFactory.CreateCredential(options));
        }
        finally
        {
            foreach (var key in new[] { "accountName", "credential", "clientId" })
            {
                Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__" + key, null);
            }
        }
    }

    [Fact]
    public void Service_uris_bind_and_default_azure_credential_is_used_without_a_credential_setting()
    {
        using var services = Services(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://outreachdata.table.core.usgovcloudapi.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://outreachdata.queue.core.usgovcloudapi.net",
        });

        var options = Validated(services);

        Assert.Equal("outreachdata.table.core.usgovcloudapi.net", services.GetRequiredService<TableServiceClient>().Uri.Host);
        Assert.Equal("outreachdata.queue.core.usgovcloudapi.net", services.GetRequiredService<QueueServiceClient>().Uri.Host);
        Assert.IsType<DefaultAzureCredential>(StorageClientFactory.CreateCredential(options));
    }

    [Fact]
    public void A_system_assigned_managed_identity_needs_no_client_id()
    {
        var options = new StorageOptions { AccountName = "outreachdata", Credential = "ManagedIdentity" };

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.IsType<ManagedIdentityCredential>(StorageClientFactory.CreateCredential(options));
    }

    [Fact]
    public void A_connection_string_wins_over_identity_settings()
    {
        using var services = Services(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage:accountName"] = "outreachdata",
        });

        Validated(services);

        Assert.Equal("devstoreaccount1", services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [Fact]
    public void A_missing_setting_stops_start_up_naming_it()
    {
        using var services = Services(new Dictionary<string, string?>());

        var error = Refused(services);

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("AzureWebJobsStorage is not set.", failure, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_repeating_it()
    {
        using var services = Services(new() { ["AzureWebJobsStorage"] = "AccountName=x;AccountKey=c2VjcmV0LXZhbHVl;Nonsense" });

        var failure = Assert.Single(Refused(services).Failures);

        Assert.StartsWith("AzureWebJobsStorage is not a valid storage connection string", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LXZhbHVl", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "https://x.table.core.windows.net", "AzureWebJobsStorage__queueServiceUri")]
    [InlineData("AzureWebJobsStorage:queueServiceUri", "https://x.queue.core.windows.net", "AzureWebJobsStorage__tableServiceUri")]
    [InlineData("AzureWebJobsStorage:accountName", "Not_An-Account", "AzureWebJobsStorage__accountName")]
    public void An_incomplete_or_invalid_identity_setting_is_named(string key, string value, string named)
    {
        using var services = Services(new() { [key] = value });

        Assert.Contains(Refused(services).Failures, f => f.StartsWith(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("credential", "clientsecret", "AzureWebJobsStorage__credential")]
    [InlineData("clientId", "not-a-guid", "AzureWebJobsStorage__clientId")]
    [InlineData("tableServiceUri", "http://outreachdata.table.core.windows.net", "AzureWebJobsStorage__tableServiceUri")]
    [InlineData("queueServiceUri", "not a uri", "AzureWebJobsStorage__queueServiceUri")]
    public void A_bad_identity_detail_is_named(string key, string value, string named)
    {
        using var services = Services(new() { ["AzureWebJobsStorage:accountName"] = "outreachdata", ["AzureWebJobsStorage:" + key] = value });

        Assert.Contains(Refused(services).Failures, f => f.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void The_four_stores_are_the_storage_ones_and_singletons()
    {
        using var services = Services(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.IsType<TableMailboxStateStore>(services.GetRequiredService<IMailboxStateStore>());
        Assert.IsType<TableScanRecordStore>(services.GetRequiredService<IScanRecordStore>());
        Assert.IsType<TableContactResultStore>(services.GetRequiredService<IContactResultStore>());
        Assert.IsType<StorageQueuePipelineQueue>(services.GetRequiredService<IPipelineQueue>());
        Assert.Same(services.GetRequiredService<IPipelineQueue>(), services.GetRequiredService<IPipelineQueue>());
        Assert.Equal(StorageNames.StateTable, ((TableMailboxStateStore)services.GetRequiredService<IMailboxStateStore>()).TableName);
        Assert.Equal(StorageNames.ScanTable, ((TableScanRecordStore)services.GetRequiredService<IScanRecordStore>()).TableName);
        Assert.Equal(StorageNames.ContactTable, ((TableContactResultStore)services.GetRequiredService<IContactResultStore>()).TableName);
    }

    [Fact]
    public void The_table_import_store_replaces_the_empty_one_Core_registers_first()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddOutreachCore(configuration)
            .AddOutreachStorage(configuration)
            .BuildServiceProvider();

        Assert.IsType<Outreach.Storage.Imports.TableImportStore>(services.GetRequiredService<Outreach.Core.Imports.IImportStore>());
    }
}
