using System.ComponentModel;
using Outreach.Core.Contacts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Outreach.Cli.Import;

public sealed class ImportLinkedInSettings : CommandSettings
{
    [CommandOption("--mailbox <UPN>")]
    [Description("The mailbox whose owner the export belongs to (user principal name).")]
    public string? Mailbox { get; init; }

    [CommandOption("--export <PATH>")]
    [Description("LinkedIn's \"Get a copy of your data\" export: the zip, or the folder it was unpacked to.")]
    public string? Export { get; init; }

    [CommandOption("--state-dir <DIR>")]
    [Description("Where imports are kept (shared with scan, which counts them).")]
    public string? StateDir { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public bool Json => Format.Equals("json", StringComparison.OrdinalIgnoreCase);

    public override ValidationResult Validate()
    {
        if (!EmailAddresses.IsValid(Mailbox)) return ValidationResult.Error("--mailbox: give the mailbox's user principal name, e.g. avery@contoso.com.");
        if (string.IsNullOrWhiteSpace(Export)) return ValidationResult.Error("--export: give the export's zip file or folder.");
        if (!Format.Equals("table", StringComparison.OrdinalIgnoreCase) && !Json) return ValidationResult.Error($"--format: '{Format}' is not a format; use table or json.");
        return ValidationResult.Success();
    }
}
