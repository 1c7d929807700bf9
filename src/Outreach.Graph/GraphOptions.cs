using System.ComponentModel.DataAnnotations;

namespace Outreach.Graph;

/// <summary>Microsoft Graph access. Section "Outreach:Graph" (app settings <c>Outreach__Graph__BaseUrl</c>, ...).</summary>
public sealed class GraphOptions
{
    public const string SectionName = "Outreach:Graph";

    /// <summary>The environment variable whose bearer token, when set, is used instead of Azure.Identity.</summary>
    public const string TokenEnvironmentVariable = "OUTREACH_GRAPH_TOKEN";

    /// <summary>Graph's root for this cloud, e.g. https://graph.microsoft.us/v1.0 for US Government L4.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    public GraphAuthMode Auth { get; set; } = GraphAuthMode.Default;

    /// <summary>Entra tenant (id or domain) for ClientSecret, ClientCertificate and DeviceCode.</summary>
    public string? TenantId { get; set; }

    /// <summary>App registration (client) id; for ManagedIdentity, the user-assigned identity's client id.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Sign-in authority for national clouds, e.g. https://login.microsoftonline.us.</summary>
    [Url]
    public string? AuthorityHost { get; set; }

    /// <summary>A bearer token (from <see cref="TokenEnvironmentVariable"/> unless configured); forces <see cref="GraphAuthMode.Token"/>.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Items per page asked with <c>Prefer: odata.maxpagesize</c>; Outlook's maximum is 1000.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// Messages per request (<c>$top</c>) of the plain list a folder's first sync reads its text window with;
    /// the list's documented maximum is 1000 (https://learn.microsoft.com/graph/api/user-list-messages).
    /// </summary>
    [Range(1, 1000)]
    public int ListPageSize { get; set; } = 1000;

    /// <summary>Outlook allows 4 concurrent requests per mailbox per app; more only earns 429s.</summary>
    [Range(1, 4)]
    public int MaxConcurrentRequestsPerMailbox { get; set; } = 4;

    /// <summary>Retries of 429/503/504 by the SDK's retry handler, which waits as Retry-After says.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>Seconds to wait before a retry when the response has no Retry-After.</summary>
    [Range(0, 180)]
    public int RetryDelaySeconds { get; set; } = 3;

    /// <summary>
    /// Read the List-*, Precedence and Auto-Submitted headers for the automated-sender rule. Headers need
    /// Mail.Read; without them Mail.ReadBasic(.All) suffices and only role addresses are recognised.
    /// </summary>
    public bool ReadMessageHeaders { get; set; } = true;

    /// <summary>Read event bodies to find join links pasted there. Off: bodies are private and rarely needed.</summary>
    public bool ReadEventBodies { get; set; }

    /// <summary>The auth mode in force: a bearer token wins over the configured mode.</summary>
    public GraphAuthMode EffectiveAuth => string.IsNullOrWhiteSpace(AccessToken) ? Auth : GraphAuthMode.Token;
}
