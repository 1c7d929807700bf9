using System.ComponentModel;
using System.Globalization;
using Outreach.Core.Contacts;
using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Outreach.Cli.Scan;

public sealed class ScanSettings : CommandSettings
{
    [CommandOption("--sample")]
    [Description("Scan the bundled sample mailbox (no Azure account, no network).")]
    public bool Sample { get; init; }

    [CommandOption("--mailbox <UPN>")]
    [Description("The mailbox to scan (user principal name).")]
    public string? Mailbox { get; init; }

    [CommandOption("--graph-base-url <URL>")]
    [Description("Microsoft Graph root, e.g. https://graph.microsoft.us/v1.0 for a national cloud.")]
    public string? GraphBaseUrl { get; init; }

    [CommandOption("--as-of <ISO-8601>")]
    [Description("Evaluate as of this moment instead of now, e.g. 2026-03-01T09:00:00Z.")]
    public string? AsOf { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("--state-dir <DIR>")]
    [Description("Where delta links and touchpoints are kept between runs (default: a per-user data folder).")]
    public string? StateDir { get; init; }

    [CommandOption("--internal-domain <DOMAIN>")]
    [Description("A domain to treat as internal besides the mailbox's own; repeatable.")]
    public string[] InternalDomains { get; init; } = [];

    [CommandOption("--all")]
    [Description("In the table, list every contact, not only the flagged ones.")]
    public bool All { get; init; }

    [CommandOption("--sources <LIST>")]
    [Description("What to read, comma-separated: mail, calendar, teamsCalls, teamsChats (default: Outreach__Sources, else mail,calendar; the sample reads all four).")]
    public string? Sources { get; init; }

    [CommandOption("--auth <MODE>")]
    [Description("Graph sign-in: default, managed-identity, client-secret, client-certificate, device-code or token. OUTREACH_GRAPH_TOKEN, when set, is used as is.")]
    public string? Auth { get; init; }

    /// <summary>
    /// The look-back windows reach up to 3,650 days before the as-of (MeetingLookbackDays' upper bound), so
    /// 0001-01-01 used to crash on DateTimeOffset.MinValue arithmetic; the Unix epoch is a floor every window
    /// fits above. The ceiling likewise keeps as-of plus any window or follow-up delay inside DateTimeOffset.
    /// </summary>
    public static readonly DateTimeOffset EarliestAsOf = DateTimeOffset.UnixEpoch;

    public static readonly DateTimeOffset LatestAsOf = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public bool Json => Format.Equals("json", StringComparison.OrdinalIgnoreCase);

    public DateTimeOffset? ParsedAsOf =>
        AsOf is null ? null : DateTimeOffset.Parse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override ValidationResult Validate()
    {
        if (Sample == (Mailbox is not null))
        {
            return ValidationResult.Error("Give either --sample or --mailbox <UPN> (exactly one).");
        }

        if (Mailbox is not null && !EmailAddresses.IsValid(Mailbox))
        {
            return ValidationResult.Error($"--mailbox: '{Mailbox}' is not a user principal name such as avery@contoso.com.");
        }

        if (!Format.Equals("table", StringComparison.OrdinalIgnoreCase) && !Json)
        {
            return ValidationResult.Error($"--format: '{Format}' is not a format; use table or json.");
        }

        if (AsOf is not null && !DateTimeOffset.TryParse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return ValidationResult.Error($"--as-of: '{AsOf}' is not an ISO-8601 date-time such as 2026-03-01T09:00:00Z.");
        }

        if (ParsedAsOf is { } asOf && (asOf < EarliestAsOf || asOf > LatestAsOf))
        {
            return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture,
                $"--as-of: '{AsOf}' is outside {EarliestAsOf:yyyy-MM-dd} to {LatestAsOf:yyyy-MM-dd}; the look-back windows (up to 10 years) and follow-up dates are computed from it."));
        }

        if (GraphBaseUrl is not null
            && (!Uri.TryCreate(GraphBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
        {
            return ValidationResult.Error($"--graph-base-url: '{GraphBaseUrl}' is not an absolute http(s) URL.");
        }

        if (Sample && GraphBaseUrl is not null)
        {
            return ValidationResult.Error("--graph-base-url does not apply to --sample, which reads no Graph.");
        }

        foreach (var domain in InternalDomains.Where(d => !WarmthPolicyOptionsValidator.IsDomain(d)))
        {
            return ValidationResult.Error($"--internal-domain: '{domain}' is not a domain name such as contoso.com.");
        }

        if (Sources is not null)
        {
            if (!SourceNames.TryParse(Sources, out var kinds, out var unknown))
            {
                return ValidationResult.Error($"--sources: '{unknown}' is not a source; use any of {string.Join(", ", SourceNames.All)}.");
            }

            if (kinds == SourceKinds.None) return ValidationResult.Error($"--sources: name at least one of {string.Join(", ", SourceNames.All)}.");
        }

        if (Auth is not null && AuthMode.Parse(Auth) is null)
        {
            return ValidationResult.Error($"--auth: '{Auth}' is not a sign-in mode; use {string.Join(", ", AuthMode.Names)}.");
        }

        return ValidationResult.Success();
    }
}
