using Outreach.Core.Contacts;

namespace Outreach.Core.Touchpoints;

/// <summary>
/// Recognises mail that no person wrote: role addresses by their local part, and bulk or auto-generated
/// mail by its headers (RFC 2369 List-*, RFC 3834 Auto-Submitted, the de-facto Precedence).
/// </summary>
public static class AutomatedSenderRules
{
    /// <summary>Returns why a message's headers mark it automated, or null for a person's mail.</summary>
    public static string? ReasonFromHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, rawValue) in headers)
        {
            var value = rawValue.Trim();
            if (name.Equals("List-Unsubscribe", StringComparison.OrdinalIgnoreCase)
                || name.Equals("List-Id", StringComparison.OrdinalIgnoreCase))
            {
                return $"{name} header";
            }

            if (name.Equals("Precedence", StringComparison.OrdinalIgnoreCase)
                && (value.Equals("bulk", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("list", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("junk", StringComparison.OrdinalIgnoreCase)))
            {
                return $"Precedence: {value.ToLowerInvariant()}";
            }

            // RFC 3834: "no" marks a message a person wrote; every other value is machine-sent.
            if (name.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase)
                && value.Length > 0
                && !value.Split(';')[0].Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                return $"Auto-Submitted: {value.Split(';')[0].Trim().ToLowerInvariant()}";
            }
        }

        return null;
    }

    /// <summary>True when the address's local part (without a +tag) is one of the role names.</summary>
    public static bool IsAutomatedLocalPart(string normalizedAddress, IEnumerable<string> automatedLocalParts)
    {
        var local = EmailAddresses.LocalPart(normalizedAddress);
        return automatedLocalParts.Any(p => local.Equals(p, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The headers the rule reads; a source need keep no others.</summary>
    public static bool IsRelevantHeader(string name) =>
        name.Equals("List-Unsubscribe", StringComparison.OrdinalIgnoreCase)
        || name.Equals("List-Id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Precedence", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase);
}
