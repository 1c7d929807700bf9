using Microsoft.Kiota.Abstractions.Authentication;

namespace Outreach.Graph.Auth;

/// <summary>
/// Hands the SDK a bearer token obtained elsewhere (OUTREACH_GRAPH_TOKEN), only for the configured Graph
/// host, so the token is never sent to a host a nextLink might point at.
/// </summary>
internal sealed class StaticAccessTokenProvider(string token, string host) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
}
