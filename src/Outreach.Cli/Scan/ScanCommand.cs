using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Invitations;
using Outreach.Core.Reporting;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Graph.Sample;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Outreach.Cli.Scan;

/// <summary>`outreach scan`: runs the scan pipeline in-process and prints the ranked contacts.</summary>
internal sealed class ScanCommand(IAnsiConsole console, CliOutput output) : AsyncCommand<ScanSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ScanSettings settings, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var asOf = settings.ParsedAsOf ?? now;
        var stateDirectory = ScanServices.StateDirectory(settings);
        using var futureState = FutureAsOfState.For(stateDirectory, asOf, now);
        await using var services = ScanServices.Build(settings, asOf, futureState?.Path ?? stateDirectory, ShowDeviceCodeAsync);
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException error)
        {
            await output.Error.WriteLineAsync("Configuration error: " + string.Join(" ", error.Failures));
            return ExitCodes.BadConfiguration;
        }

        var request = await RequestAsync(settings, asOf, services, cancellationToken);
        var scanner = services.GetRequiredService<MailboxScanner>();
        var ledger = services.GetRequiredService<IInvitationLedger>();
        var invitationOptions = services.GetRequiredService<IOptions<InvitationOptions>>().Value;
        try
        {
            var harvest = settings.Json || !console.Profile.Capabilities.Interactive
                ? await scanner.HarvestAsync(request, null, cancellationToken)
                : await console.Status().StartAsync("Reading the mailbox…", status =>
                    scanner.HarvestAsync(request, new StatusProgress(status), cancellationToken));
            var evaluated = await scanner.EvaluateAsync(
                request, (state, ct) => InvitationFollowUp.ApplyAsync(ledger, state, asOf, invitationOptions, ct), cancellationToken);
            var result = evaluated with { Statistics = harvest with { Duration = harvest.Duration + evaluated.Statistics.Duration } };

            if (settings.Json)
            {
                await output.Output.WriteLineAsync(JsonSerializer.Serialize(ScanReport.From(result), ReportJsonContext.Default.ScanReport));
            }
            else
            {
                ScanTable.Render(console, result, settings.All);
            }

            return ExitCodes.Success;
        }
        catch (MailboxAccessException error)
        {
            await output.Error.WriteLineAsync("Error: " + error.Message);
            return ExitCodes.MailboxUnavailable;
        }
    }

    private static async Task<ScanRequest> RequestAsync(ScanSettings settings, DateTimeOffset asOf, IServiceProvider services, CancellationToken cancellationToken)
    {
        var suppressions = services.GetRequiredService<ISuppressionList>();
        if (!settings.Sample)
        {
            return new ScanRequest(settings.Mailbox!, asOf)
            {
                InternalDomains = settings.InternalDomains,
                DoNotContact = await suppressions.ListAsync(settings.Mailbox!, cancellationToken),
            };
        }

        var sample = services.GetRequiredService<SampleMailbox>();
        return new ScanRequest(sample.Mailbox, asOf)
        {
            InternalDomains = [.. sample.InternalDomains, .. settings.InternalDomains],
            DoNotContact = [.. sample.DoNotContact, .. await suppressions.ListAsync(sample.Mailbox, cancellationToken)],
        };
    }

    private Task ShowDeviceCodeAsync(string message, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"[yellow]{message}[/]");
        return Task.CompletedTask;
    }

    /// <summary>Shows pages fetched so far in the spinner line.</summary>
    private sealed class StatusProgress(StatusContext status) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) =>
            status.Status($"Reading the mailbox… {value.Pages} pages, {value.Items} items (last: {value.Stream})");
    }
}
