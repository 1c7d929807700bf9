using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        var asOf = settings.ParsedAsOf ?? DateTimeOffset.UtcNow;
        await using var services = ScanServices.Build(settings, asOf, ShowDeviceCodeAsync);
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException error)
        {
            await output.Error.WriteLineAsync("Configuration error: " + string.Join(" ", error.Failures));
            return ExitCodes.BadConfiguration;
        }

        var request = Request(settings, asOf, services);
        var scanner = services.GetRequiredService<MailboxScanner>();
        try
        {
            var result = settings.Json || !console.Profile.Capabilities.Interactive
                ? await scanner.ScanAsync(request, null, cancellationToken)
                : await console.Status().StartAsync("Reading the mailbox…", status =>
                    scanner.ScanAsync(request, new StatusProgress(status), cancellationToken));

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

    private static ScanRequest Request(ScanSettings settings, DateTimeOffset asOf, IServiceProvider services)
    {
        if (!settings.Sample)
        {
            return new ScanRequest(settings.Mailbox!, asOf) { InternalDomains = settings.InternalDomains };
        }

        var sample = services.GetRequiredService<SampleMailbox>();
        return new ScanRequest(sample.Mailbox, asOf)
        {
            InternalDomains = [.. sample.InternalDomains, .. settings.InternalDomains],
            DoNotContact = sample.DoNotContact,
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
