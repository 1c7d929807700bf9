using Microsoft.Extensions.Options;

namespace Outreach.Graph;

/// <summary>Each auth mode's required settings, checked at start-up.</summary>
public sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
        {
            failures.Add($"{nameof(options.BaseUrl)} must be an absolute http(s) URL, e.g. https://graph.microsoft.com/v1.0.");
        }
        else if (baseUrl.Scheme == "http" && !baseUrl.IsLoopback)
        {
            failures.Add($"{nameof(options.BaseUrl)} must use https (plain http is accepted for loopback test servers only).");
        }

        void Require(string? value, string setting)
        {
            if (string.IsNullOrWhiteSpace(value)) failures.Add($"Auth={options.EffectiveAuth} needs {setting}.");
        }

        switch (options.EffectiveAuth)
        {
            case GraphAuthMode.ClientSecret:
                Require(options.TenantId, nameof(options.TenantId));
                Require(options.ClientId, nameof(options.ClientId));
                Require(options.ClientSecret, nameof(options.ClientSecret));
                break;
            case GraphAuthMode.ClientCertificate:
                Require(options.TenantId, nameof(options.TenantId));
                Require(options.ClientId, nameof(options.ClientId));
                Require(options.CertificatePath, nameof(options.CertificatePath));
                break;
            case GraphAuthMode.DeviceCode:
                Require(options.ClientId, nameof(options.ClientId));
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
