using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Core.State;
using Outreach.Storage.Invitations;
using Outreach.Storage.Pipeline;
using Outreach.Storage.State;

namespace Outreach.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The Azure Storage adapter: <see cref="StorageOptions"/> from the <c>AzureWebJobsStorage</c> setting
    /// (connection string or identity-based; validated at start-up), one <see cref="TableServiceClient"/> and one
    /// <see cref="QueueServiceClient"/> (Base64 messages), the four pipeline stores, the invitation ledger,
    /// the do-not-contact list and the import store. Tables and queues are created when first used, once per process.
    /// </summary>
    public static IServiceCollection AddOutreachStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Configure(options => StorageOptions.Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(provider => StorageClientFactory.CreateTableServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(provider => StorageClientFactory.CreateQueueServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value));

        services.TryAddSingleton<IMailboxStateStore>(provider => new TableMailboxStateStore(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetService<ILogger<TableMailboxStateStore>>(),
            StorageNames.StateTable,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IScanRecordStore>(provider => new TableScanRecordStore(
            provider.GetRequiredService<TableServiceClient>(), StorageNames.ScanTable));
        services.TryAddSingleton<IContactResultStore>(provider => new TableContactResultStore(
            provider.GetRequiredService<TableServiceClient>(), StorageNames.ContactTable));
        services.TryAddSingleton<IPipelineQueue>(provider => new StorageQueuePipelineQueue(
            provider.GetRequiredService<QueueServiceClient>(),
            provider.GetService<ILogger<StorageQueuePipelineQueue>>(),
            StorageNames.HarvestQueue,
            StorageNames.EvaluateQueue));
        services.TryAddSingleton<IInvitationLedger>(provider => new TableInvitationLedger(
            provider.GetRequiredService<TableServiceClient>(), StorageNames.InvitationTable));
        services.TryAddSingleton<ISuppressionList>(provider => new TableSuppressionList(
            provider.GetRequiredService<TableServiceClient>(),
            StorageNames.SuppressionTable,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<Core.Digest.IDigestStore>(provider => new Digest.TableDigestStore(
            provider.GetRequiredService<TableServiceClient>(),
            StorageNames.DigestTable,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMailboxGenerationStore>(provider => new TableMailboxGenerationStore(
            provider.GetRequiredService<TableServiceClient>(),
            StorageNames.ErasureTable,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IMailboxLock>(provider => new TableMailboxLock(
            provider.GetRequiredService<TableServiceClient>(),
            StorageNames.LockTable,
            provider.GetRequiredService<TimeProvider>()));
        // Replace, not TryAdd: Core registers an empty import store for hosts that keep none (AddOutreachCore runs first),
        // and a TryAdd here would lose to it, so every import would be refused and no scan would count one.
        services.Replace(ServiceDescriptor.Singleton<Core.Imports.IImportStore>(provider => new Imports.TableImportStore(
            provider.GetRequiredService<TableServiceClient>(), StorageNames.ImportTable)));
        // Erasure that sticks: the pipeline, the scanner and the invitation service check scans against it.
        services.TryAddSingleton<ErasureFence>();
        services.TryAddSingleton<IMailboxErasureGuard>(provider => provider.GetRequiredService<ErasureFence>());
        services.TryAddSingleton<Core.Enrollment.IEnrollmentOptOutStore>(provider => new Enrollment.TableEnrollmentOptOutStore(
            provider.GetRequiredService<TableServiceClient>(),
            StorageNames.OptOutTable,
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
