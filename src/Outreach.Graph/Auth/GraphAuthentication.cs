using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;

namespace Outreach.Graph.Auth;

/// <summary>
/// Builds the SDK's authentication provider for the configured mode. App-only modes ask for the
/// "/.default" scope (the permissions an admin granted); device code asks for the delegated scopes the
/// command needs (the scan's unless told otherwise), and no more.
/// </summary>
public static class GraphAuthentication
{
    public static IAuthenticationProvider Create(GraphOptions options, Func<string, CancellationToken, Task>? showDeviceCode = null) =>
        Create(options, showDeviceCode, delegatedPermissions: null);

    /// <param name="delegatedPermissions">The delegated permissions to sign in for; null: the scan's.</param>
    public static IAuthenticationProvider Create(
        GraphOptions options, Func<string, CancellationToken, Task>? showDeviceCode, IReadOnlyList<string>? delegatedPermissions)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUri = new Uri(options.BaseUrl);
        if (options.EffectiveAuth == GraphAuthMode.Token)
        {
            return new BaseBearerTokenAuthenticationProvider(new StaticAccessTokenProvider(options.AccessToken!.Trim(), baseUri.Host));
        }

        var credential = CreateCredential(options, showDeviceCode);
        return new AzureIdentityAuthenticationProvider(credential, [baseUri.Host], null, true, [.. Scopes(options, delegatedPermissions)]);
    }

    /// <summary>
    /// The scopes a token is asked for: "/.default" app-only; delegated, each permission on this cloud's
    /// Graph root (https://learn.microsoft.com/entra/identity-platform/scopes-oidc).
    /// </summary>
    public static IReadOnlyList<string> Scopes(GraphOptions options, IReadOnlyList<string>? delegatedPermissions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUri = new Uri(options.BaseUrl);
        var root = $"{baseUri.Scheme}://{baseUri.Host}";
        return options.EffectiveAuth == GraphAuthMode.DeviceCode
            ? [.. (delegatedPermissions ?? GraphPermissions.Delegated(options)).Select(p => $"{root}/{p}")]
            : [$"{root}/.default"];
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
                options.TenantId, options.ClientId, LoadCertificate(options), new ClientCertificateCredentialOptions { AuthorityHost = authority }),
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

    /// <summary>
    /// The app's certificate with its private key: a PFX (PKCS#12) opened with CertificatePassword when one
    /// is set (the path-only credential cannot take a password), else a PEM or an unprotected PFX.
    /// </summary>
    internal static X509Certificate2 LoadCertificate(GraphOptions options)
    {
        var path = options.CertificatePath!;
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(options.CertificatePassword)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(options.CertificatePassword) ? null : options.CertificatePassword);
    }
}
