using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Cli.Infrastructure;
using Outreach.Core;
using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Templates;
using Outreach.Core.Sources;
using Outreach.Graph;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Outreach.Cli.Invite;

/// <summary>`outreach invite`: the same invitation service, rules and ledger as POST /api/invitations.</summary>
internal sealed class InviteCommand(IAnsiConsole console, CliOutput output) : AsyncCommand<InviteSettings>
{
    /// <summary>
    /// What `--auth device-code` signs in for: the invitation's calendar, settings and profile permissions,
    /// not the scan's Mail.Read (an invitation never reads mail).
    /// </summary>
    internal static IReadOnlyList<string> DelegatedPermissions => GraphPermissions.DelegatedInvitations;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public override async Task<int> ExecuteAsync(CommandContext context, InviteSettings settings, CancellationToken cancellationToken)
    {
        var configuration = CliComposition.Configuration(settings.GraphBaseUrl, settings.Auth);
        var services = CliComposition.Services(configuration, settings.StateDir ?? CliComposition.DefaultStateDirectory());
        services.AddOutreachInvitations(configuration);
        services.AddOutreachGraph(configuration, (message, _) =>
        {
            console.MarkupLineInterpolated($"[yellow]{message}[/]");
            return Task.CompletedTask;
        }, DelegatedPermissions);
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

        InvitationModes.TryParse(settings.Mode, out var mode);
        var request = new InvitationRequest(settings.Mailbox!, settings.To, mode!.Value)
        {
            Location = settings.Location,
            Start = settings.ParsedStart,
            DurationMinutes = settings.Duration,
            Template = settings.Template,
            TimeZone = settings.TimeZone,
            DryRun = settings.DryRun,
        };
        try
        {
            var response = await provider.GetRequiredService<InvitationService>().SendAsync(request, cancellationToken);
            if (settings.Json) await output.Output.WriteLineAsync(JsonSerializer.Serialize(response, JsonOptions));
            else Render(response);
            return response.Results.Any(r => r.Outcome == InvitationOutcome.Failed) ? ExitCodes.PartialFailure : ExitCodes.Success;
        }
        catch (InvitationRequestException invalid)
        {
            await output.Error.WriteLineAsync($"Error: {invalid.Field}: {invalid.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (MailboxAccessException refused)
        {
            await output.Error.WriteLineAsync("Error: " + refused.Message);
            return ExitCodes.MailboxUnavailable;
        }
    }

    private void Render(InvitationResponse response)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(response.DryRun ? "Dry run: nothing was created" : $"Invitations from {Markup.Escape(response.Mailbox)}")
            .AddColumn("Contact").AddColumn("Result").AddColumn("When (UTC)").AddColumn("Details");
        foreach (var result in response.Results)
        {
            var when = result.Start is { } start ? $"{start.UtcDateTime:yyyy-MM-dd HH:mm}" : "";
            var details = result.Outcome switch
            {
                InvitationOutcome.DryRun => result.Subject ?? "",
                InvitationOutcome.Created => result.JoinUrl ?? result.EventId ?? "",
                _ => result.Reason ?? "",
            };
            table.AddRow(Markup.Escape(result.Contact), Markup.Escape(JsonSerializer.Serialize(result.Outcome, JsonOptions).Trim('"')), when, Markup.Escape(details));
        }

        console.Write(table);
    }
}
