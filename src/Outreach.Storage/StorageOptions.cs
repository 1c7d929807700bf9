using Microsoft.Extensions.Configuration;

namespace Outreach.Storage;

/// <summary>
/// Where the app's tables and queues live: the Functions host's own <c>AzureWebJobsStorage</c> connection,
/// in either of its forms.
/// <list type="bullet">
/// <item>A connection string: <c>AzureWebJobsStorage=UseDevelopmentStorage=true</c> (Azurite), or an
/// account's connection string.</item>
/// <item>Identity-based: <c>AzureWebJobsStorage__accountName</c>, or <c>AzureWebJobsStorage__tableServiceUri</c>
/// and <c>AzureWebJobsStorage__queueServiceUri</c> (needed outside the public cloud); optionally
/// <c>AzureWebJobsStorage__credential=managedidentity</c> with <c>AzureWebJobsStorage__clientId</c> for a
/// user-assigned identity. Without <c>credential</c>, DefaultAzureCredential is used.</item>
/// </list>
/// A connection string wins when both forms are set, as in the Functions host.
/// </summary>
public sealed class StorageOptions
{
    public const string ManagedIdentityCredential = "managedidentity";

    /// <summary><c>AzureWebJobsStorage</c> itself.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>AzureWebJobsStorage__accountName</c>: endpoints in the public cloud are derived from it.</summary>
    public string? AccountName { get; set; }

    /// <summary><c>AzureWebJobsStorage__tableServiceUri</c>, e.g. https://account.table.core.windows.net.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary><c>AzureWebJobsStorage__queueServiceUri</c>, e.g. https://account.queue.core.windows.net.</summary>
    public string? QueueServiceUri { get; set; }

    /// <summary><c>AzureWebJobsStorage__credential</c>: "managedidentity", or unset for DefaultAzureCredential.</summary>
    public string? Credential { get; set; }

    /// <summary><c>AzureWebJobsStorage__clientId</c>: the user-assigned managed identity's client id.</summary>
    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool UsesManagedIdentity => string.Equals(Credential?.Trim(), ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Table service endpoint for identity-based access (explicit, or from the account name).</summary>
    public Uri? EffectiveTableServiceUri => Endpoint(TableServiceUri, "table");

    /// <summary>The Queue service endpoint for identity-based access (explicit, or from the account name).</summary>
    public Uri? EffectiveQueueServiceUri => Endpoint(QueueServiceUri, "queue");

    /// <summary>
    /// Reads <c>AzureWebJobsStorage</c> (the connection string) and its children: <c>AzureWebJobsStorage:accountName</c>
    /// and so on, which environment variables and app settings spell <c>AzureWebJobsStorage__accountName</c>.
    /// Configuration keys are case-insensitive.
    /// </summary>
    public static void Bind(IConfiguration configuration, StorageOptions options)
    {
        var section = configuration.GetSection(StorageNames.ConnectionSetting);
        options.ConnectionString = NullIfBlank(section.Value);
        options.AccountName = NullIfBlank(section["accountName"]);
        options.TableServiceUri = NullIfBlank(section["tableServiceUri"]);
        options.QueueServiceUri = NullIfBlank(section["queueServiceUri"]);
        options.Credential = NullIfBlank(section["credential"]);
        options.ClientId = NullIfBlank(section["clientId"]);
    }

    private Uri? Endpoint(string? configured, string service)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) ? uri : null;
        }

        return string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName.Trim()}.{service}.core.windows.net/");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
