using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Cli.Infrastructure;
using Outreach.Core;
using Outreach.Core.Imports;
using Outreach.Core.Imports.LinkedIn;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Outreach.Cli.Import;

/// <summary>
/// `outreach import linkedin`: reads a LinkedIn export into the state folder's import store, where every later
/// `outreach scan` of the mailbox with the same --state-dir counts it. The same importer as
/// POST /api/mailboxes/{m}/imports/linkedin. Nothing is sent anywhere; no contents are kept.
/// </summary>
internal sealed class ImportLinkedInCommand(IAnsiConsole console, CliOutput output) : AsyncCommand<ImportLinkedInSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImportLinkedInSettings settings, CancellationToken cancellationToken)
    {
        var configuration = CliComposition.Configuration(null, null);
        var services = CliComposition.Services(configuration, settings.StateDir ?? CliComposition.DefaultStateDirectory());
        services.AddOutreachImports(configuration);
        await using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException error)
        {
            await output.Error.WriteLineAsync("Configuration error: " + string.Join(" ", error.Failures));
            return ExitCodes.BadConfiguration;
        }

        try
        {
            var result = await provider.GetRequiredService<LinkedInImporter>().ImportAsync(settings.Mailbox!, settings.Export!, cancellationToken);
            if (settings.Json) await output.Output.WriteLineAsync(JsonSerializer.Serialize(result, ImportJsonContext.Default.LinkedInImportResult));
            else Render(result);
            return ExitCodes.Success;
        }
        catch (LinkedInExportException bad)
        {
            await output.Error.WriteLineAsync("Error: --export: " + bad.Message);
            return ExitCodes.BadConfiguration;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The export or the state folder could not be read or written (permissions, a full disk).
            await output.Error.WriteLineAsync("Error: " + e.Message);
            return ExitCodes.MailboxUnavailable;
        }
    }

    private void Render(LinkedInImportResult result)
    {
        console.MarkupLineInterpolated($"LinkedIn import for [bold]{result.Mailbox}[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("").AddColumn(new TableColumn("In the export").RightAligned()).AddColumn(new TableColumn("New").RightAligned()).AddColumn(new TableColumn("Kept in all").RightAligned());
        table.AddRow("Contacts", $"{result.Contacts}", $"{result.ContactsAdded}", $"{result.ContactsTotal}");
        table.AddRow("Messages", $"{result.Messages}", $"{result.MessagesAdded}", $"{result.MessagesTotal}");
        console.Write(table);
        console.MarkupLineInterpolated($"{result.Added} added, {result.SkippedRows} rows skipped, {result.IgnoredConversations} conversations of more than {LinkedInExportReader.MaxParticipants} people ignored.");
        foreach (var skipped in result.Skipped) console.MarkupLineInterpolated($"[yellow]skipped: {skipped}[/]");
        if (result.Added == 0) console.MarkupLine("[grey]Nothing new: this export was imported before.[/]");
    }
}
