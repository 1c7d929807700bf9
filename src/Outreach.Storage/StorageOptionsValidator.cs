using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Outreach.Storage;

/// <summary>
/// Checks the storage connection at start-up, naming the setting to fix. Nothing here contacts Azure,
/// and no message repeats a connection string (it may hold an account key).
/// </summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Setting = StorageNames.ConnectionSetting;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.UsesConnectionString)
        {
            try
            {
                StorageClientFactory.CreateTableServiceClient(options);
                StorageClientFactory.CreateQueueServiceClient(options);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"{Setting} is not a valid storage connection string ({e.GetType().Name}). " +
                    "Use UseDevelopmentStorage=true for Azurite, the storage account's connection string, " +
                    $"or remove it and set {Setting}__accountName for identity-based access.");
            }

            return Result(failures);
        }

        var hasAccount = !string.IsNullOrWhiteSpace(options.AccountName);
        var hasTable = !string.IsNullOrWhiteSpace(options.TableServiceUri);
        var hasQueue = !string.IsNullOrWhiteSpace(options.QueueServiceUri);
        if (!hasAccount && !hasTable && !hasQueue)
        {
            failures.Add($"{Setting} is not set. Set {Setting} to a storage connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {Setting}__accountName (or {Setting}__tableServiceUri and {Setting}__queueServiceUri) for identity-based access.");
            return Result(failures);
        }

        if (hasAccount && !AccountNamePattern().IsMatch(options.AccountName!.Trim()))
        {
            failures.Add($"{Setting}__accountName must be a storage account name: 3 to 24 lower-case letters and digits.");
        }

        if (!hasAccount && hasTable != hasQueue)
        {
            failures.Add(hasTable
                ? $"{Setting}__queueServiceUri is missing: the app uses queues too (or set {Setting}__accountName instead)."
                : $"{Setting}__tableServiceUri is missing: the app uses tables too (or set {Setting}__accountName instead).");
        }

        CheckEndpoint(options.TableServiceUri, "tableServiceUri", failures);
        CheckEndpoint(options.QueueServiceUri, "queueServiceUri", failures);

        if (options.Credential is { } credential && !options.UsesManagedIdentity)
        {
            failures.Add($"{Setting}__credential must be '{StorageOptions.ManagedIdentityCredential}' or unset (DefaultAzureCredential), not '{credential}'.");
        }

        if (options.ClientId is { } clientId && !Guid.TryParse(clientId, out _))
        {
            failures.Add($"{Setting}__clientId must be the managed identity's client id (a GUID).");
        }

        return Result(failures);
    }

    private static void CheckEndpoint(string? value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            failures.Add($"{Setting}__{key} must be an absolute https URL, e.g. https://<account>.{key[..^10]}.core.windows.net.");
        }
        else if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            failures.Add($"{Setting}__{key} must use https (plain http is accepted for a local emulator only).");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountNamePattern();
}
