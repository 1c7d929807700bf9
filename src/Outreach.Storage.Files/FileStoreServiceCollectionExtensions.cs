using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Imports;
using Outreach.Core.Invitations;
using Outreach.Core.State;
using Outreach.Storage.Files.Imports;
using Outreach.Storage.Files.Invitations;
using Outreach.Storage.Files.State;

namespace Outreach.Storage.Files;

public static class FileStoreServiceCollectionExtensions
{
    /// <summary>
    /// The local stores of a single-machine run, all under <paramref name="stateDirectory"/>: the scan state
    /// (one file per mailbox at its top), the invitation ledger ("invitations"), the do-not-contact list
    /// ("suppressions") and what imports wrote ("imports": `import linkedin` writes it, every later `scan` counts it). <see cref="Digest.FileDigestStore"/> ("digests") is left to a host that sends digests:
    /// registered here it would have the CLI's eligibility read snoozes nothing writes.
    /// </summary>
    public static IServiceCollection AddOutreachFileStores(this IServiceCollection services, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        services.AddSingleton<IMailboxStateStore>(new FileMailboxStateStore(stateDirectory));
        services.AddSingleton<IInvitationLedger>(new FileInvitationLedger(stateDirectory));
        services.AddSingleton<ISuppressionList>(new FileSuppressionList(stateDirectory));
        services.AddSingleton<IImportStore>(new FileImportStore(stateDirectory));
        return services;
    }
}
