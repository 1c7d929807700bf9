using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace Outreach.Storage;

/// <summary>Builds the Table and Queue service clients from <see cref="StorageOptions"/>.</summary>
public static class StorageClientFactory
{
    public static TableServiceClient CreateTableServiceClient(StorageOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesConnectionString) return new TableServiceClient(options.ConnectionString, new TableClientOptions());
        var endpoint = options.EffectiveTableServiceUri
            ?? throw new InvalidOperationException($"{StorageNames.ConnectionSetting} names no Table service endpoint.");
        return new TableServiceClient(endpoint, credential ?? CreateCredential(options), new TableClientOptions());
    }

    /// <summary>
    /// A Queue service client whose messages are Base64-encoded on the wire: what the Functions queue
    /// trigger expects by default (host.json <c>extensions.queues.messageEncoding</c> = base64).
    /// </summary>
    public static QueueServiceClient CreateQueueServiceClient(StorageOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (options.UsesConnectionString) return new QueueServiceClient(options.ConnectionString, clientOptions);
        var endpoint = options.EffectiveQueueServiceUri
            ?? throw new InvalidOperationException($"{StorageNames.ConnectionSetting} names no Queue service endpoint.");
        return new QueueServiceClient(endpoint, credential ?? CreateCredential(options), clientOptions);
    }

    /// <summary>
    /// <c>credential=managedidentity</c>: the managed identity (user-assigned when <c>clientId</c> is set);
    /// otherwise DefaultAzureCredential, which also finds a developer's Azure CLI or Visual Studio sign-in.
    /// </summary>
    public static TokenCredential CreateCredential(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesManagedIdentity)
        {
            return string.IsNullOrWhiteSpace(options.ClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId });
    }
}
