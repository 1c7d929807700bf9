using System.ComponentModel;
using System.Globalization;
using Outreach.Cli.Scan;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Templates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Outreach.Cli.Invite;

public sealed class InviteSettings : CommandSettings
{
    [CommandOption("--mailbox <UPN>")]
    [Description("The mailbox whose owner invites (user principal name).")]
    public string? Mailbox { get; init; }

    [CommandOption("--to <ADDRESS>")]
    [Description("A contact to invite; repeatable.")]
    public string[] To { get; init; } = [];

    [CommandOption("--mode <MODE>")]
    [Description("video (a Teams call) or in-person.")]
    public string? Mode { get; init; }

    [CommandOption("--location <PLACE>")]
    [Description("Where to meet (in-person).")]
    public string? Location { get; init; }

    [CommandOption("--start <ISO-8601>")]
    [Description("When, e.g. 2026-06-02T10:00:00+02:00 (default: the first free slot in working hours).")]
    public string? Start { get; init; }

    [CommandOption("--duration <MINUTES>")]
    [Description("15 to 120 (default 30).")]
    public int? Duration { get; init; }

    [CommandOption("--template <NAME>")]
    [Description("An invitation template (default: the mode's built-in).")]
    public string? Template { get; init; }

    [CommandOption("--time-zone <ZONE>")]
    [Description("IANA or Windows time zone for the invitation (default: the owner's).")]
    public string? TimeZone { get; init; }

    [CommandOption("--dry-run")]
    [Description("Render and pick slots, create nothing.")]
    public bool DryRun { get; init; }

    [CommandOption("--graph-base-url <URL>")]
    [Description("Microsoft Graph root (national clouds).")]
    public string? GraphBaseUrl { get; init; }

    [CommandOption("--state-dir <DIR>")]
    [Description("Where the invitation ledger and the do-not-contact list are kept (shared with scan).")]
    public string? StateDir { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("--auth <MODE>")]
    [Description("Graph sign-in mode, as for scan.")]
    public string? Auth { get; init; }

    public bool Json => Format.Equals("json", StringComparison.OrdinalIgnoreCase);

    public DateTimeOffset? ParsedStart =>
        Start is null ? null : DateTimeOffset.Parse(Start, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public override ValidationResult Validate()
    {
        if (!EmailAddresses.IsValid(Mailbox)) return ValidationResult.Error("--mailbox: give the inviting mailbox's user principal name, e.g. avery@contoso.com.");
        if (To.Length == 0) return ValidationResult.Error("--to: name at least one contact to invite.");
        foreach (var to in To.Where(t => !EmailAddresses.IsValid(t))) return ValidationResult.Error($"--to: '{to}' is not an email address.");
        if (!InvitationModes.TryParse(Mode, out _)) return ValidationResult.Error($"--mode: '{Mode}' is not a mode; use video or in-person.");
        if (Start is not null && (!DateTimeOffset.TryParse(Start, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) || !Start.Contains('T', StringComparison.Ordinal)))
        {
            return ValidationResult.Error($"--start: '{Start}' is not an ISO-8601 date-time such as 2026-06-02T10:00:00+02:00.");
        }

        if (Start is not null && InvitationStart.Parse(Start, out var startProblem) is null)
        {
            return ValidationResult.Error($"--start: '{Start}' {startProblem}.");
        }

        if (Duration is < 15 or > 120) return ValidationResult.Error("--duration: give 15 to 120 minutes.");
        if (!Format.Equals("table", StringComparison.OrdinalIgnoreCase) && !Json) return ValidationResult.Error($"--format: '{Format}' is not a format; use table or json.");
        if (GraphBaseUrl is not null && (!Uri.TryCreate(GraphBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
        {
            return ValidationResult.Error($"--graph-base-url: '{GraphBaseUrl}' is not an absolute http(s) URL.");
        }

        if (Auth is not null && AuthMode.Parse(Auth) is null) return ValidationResult.Error($"--auth: '{Auth}' is not a sign-in mode; use {string.Join(", ", AuthMode.Names)}.");
        return ValidationResult.Success();
    }
}
