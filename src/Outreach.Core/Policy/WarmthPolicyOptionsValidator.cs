using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;

namespace Outreach.Core.Policy;

/// <summary>The cross-field rules DataAnnotations cannot express; runs at start-up with ValidateOnStart.</summary>
public sealed class WarmthPolicyOptionsValidator : IValidateOptions<WarmthPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, WarmthPolicyOptions options)
    {
        var failures = new List<string>();
        if (options.RecentTextDays > options.TextLookbackDays)
        {
            failures.Add($"{nameof(options.RecentTextDays)} ({options.RecentTextDays}) must not exceed {nameof(options.TextLookbackDays)} ({options.TextLookbackDays}).");
        }

        if (options.RequireReciprocity && options.MinTextTouchpoints < 2)
        {
            failures.Add($"{nameof(options.MinTextTouchpoints)} must be at least 2 when {nameof(options.RequireReciprocity)} is on (one message each way).");
        }

        foreach (var domain in options.InternalDomains.Where(d => !IsDomain(d)))
        {
            failures.Add($"{nameof(options.InternalDomains)} has '{domain}', which is not a domain name (example: contoso.com).");
        }

        foreach (var entry in options.DoNotContact.Where(e => !IsAddressOrDomain(e)))
        {
            failures.Add($"{nameof(options.DoNotContact)} has '{entry}', which is neither an address nor '@domain'.");
        }

        foreach (var local in options.AutomatedLocalParts.Where(l => string.IsNullOrWhiteSpace(l) || l.Contains('@', StringComparison.Ordinal)))
        {
            failures.Add($"{nameof(options.AutomatedLocalParts)} has '{local}': give the part before '@' only.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsDomain(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && EmailAddresses.IsValid("x@" + value.Trim().TrimStart('@'))
        && !value.Trim().TrimStart('@').Contains('@', StringComparison.Ordinal);

    private static bool IsAddressOrDomain(string? value) =>
        value is not null && (value.Trim().StartsWith('@') ? IsDomain(value) : EmailAddresses.IsValid(value));
}
