using Azure.Core;
using Azure.Identity;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;

namespace Outreach.Graph.Auth;

/// <summary>
/// Builds the SDK's authentication provider for the configured mode. App-only modes ask for the
/// "/.default" scope (the permissions an admin granted); device code asks for the delegated scopes the
/// scan needs, and no more.
/// </summary>
public static class GraphAuthentication
{
    public static IAuthenticationProvider Create(GraphOptions options, Func<string, CancellationToken, Task>? showDeviceCode = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUri = new Uri(options.BaseUrl);
        if (options.EffectiveAuth == GraphAuthMode.Token)
        {
            return new BaseBearerTokenAuthenticationProvider(new StaticAccessTokenProvider(options.AccessToken!.Trim(), baseUri.Host));
        }

        var credential = CreateCredential(options, showDeviceCode);
        var root = $"{baseUri.Scheme}://{baseUri.Host}";
        string[] scopes = options.EffectiveAuth == GraphAuthMode.DeviceCode
            ? [.. GraphPermissions.Delegated(options).Select(p => $"{root}/{p}")]
            : [$"{root}/.default"];
        return new AzureIdentityAuthenticationProvider(credential, [baseUri.Host], null, true, scopes);
    }

    public static TokenCredential CreateCredential(GraphOptions options, Func<string, CancellationToken, Task>? showDeviceCode = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var authority = options.AuthorityHost is { Length: > 0 } host ? new Uri(host) : AzureAuthorityHosts.AzurePublicCloud;
        return options.EffectiveAuth switch
        {
            GraphAuthMode.ManagedIdentity => new ManagedIdentityCredential(
                string.IsNullOrWhiteSpace(options.ClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(options.ClientId)),
            GraphAuthMode.ClientSecret => new ClientSecretCredential(
                options.TenantId, options.ClientId, options.ClientSecret, new ClientSecretCredentialOptions { AuthorityHost = authority }),
            GraphAuthMode.ClientCertificate => new ClientCertificateCredential(
                options.TenantId, options.ClientId, options.CertificatePath, new ClientCertificateCredentialOptions { AuthorityHost = authority }),
            GraphAuthMode.DeviceCode => new DeviceCodeCredential(new DeviceCodeCredentialOptions
            {
                ClientId = options.ClientId,
                TenantId = string.IsNullOrWhiteSpace(options.TenantId) ? "organizations" : options.TenantId,
                AuthorityHost = authority,
                DeviceCodeCallback = (info, ct) => showDeviceCode is null ? Task.CompletedTask : showDeviceCode(info.Message, ct),
            }),
            _ => new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                AuthorityHost = authority,
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId,
            }),
        };
    }
}
