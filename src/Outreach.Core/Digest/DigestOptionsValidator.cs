using Microsoft.Extensions.Options;

namespace Outreach.Core.Digest;

/// <summary>Start-up checks the attributes cannot express; messages name the setting, never the key.</summary>
public sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (options.SigningKey is not { Length: >= DigestOptions.MinSigningKeyLength } || string.IsNullOrWhiteSpace(options.SigningKey))
        {
            failures.Add($"{DigestOptions.SectionName}:SigningKey must be set to a random secret of at least {DigestOptions.MinSigningKeyLength} characters when the digest is enabled.");
        }

        if (options.PreviousSigningKey is { Length: > 0 } previous && previous.Length < DigestOptions.MinSigningKeyLength)
        {
            failures.Add($"{DigestOptions.SectionName}:PreviousSigningKey must be at least {DigestOptions.MinSigningKeyLength} characters (or unset).");
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            failures.Add($"{DigestOptions.SectionName}:PublicBaseUrl must be the app's https address (e.g. https://outreach.azurewebsites.net) when the digest is enabled.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
