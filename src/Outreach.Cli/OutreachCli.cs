using Microsoft.Extensions.DependencyInjection;
using Outreach.Cli.Infrastructure;
using Outreach.Cli.Scan;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Outreach.Cli;

/// <summary>The `outreach` command line. Tests run it in-process with their own console and writers.</summary>
public static class OutreachCli
{
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken = default) =>
        RunAsync(args, console, new CliOutput(output, Console.Error), cancellationToken);

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CliOutput output, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddSingleton(output);
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("outreach");
            config.ConfigureConsole(console);
            config.UseStrictParsing();
            config.AddCommand<ScanCommand>("scan")
                .WithDescription("Find the contacts you have only ever met in text, ranked, with reasons.")
                .WithExample("scan", "--sample")
                .WithExample("scan", "--mailbox", "avery@contoso.com", "--format", "json");
            config.AddCommand<Invite.InviteCommand>("invite")
                .WithDescription("Invite contacts to a Teams call or an in-person meeting (an Outlook invitation from your calendar).")
                .WithExample("invite", "--mailbox", "avery@contoso.com", "--to", "dana@fabrikam.com", "--mode", "video", "--dry-run");
            config.AddBranch("import", import =>
            {
                import.SetDescription("Import touchpoints from outside the mailbox; later scans with the same --state-dir count them.");
                import.AddCommand<Import.ImportLinkedInCommand>("linkedin")
                    .WithDescription("Import a LinkedIn \"Get a copy of your data\" export (zip or folder): connections and who messaged whom, when; never contents.")
                    .WithExample("import", "linkedin", "--mailbox", "avery@contoso.com", "--export", "Complete_LinkedInDataExport.zip");
            });
        });
        return await app.RunAsync(args, cancellationToken);
    }
}

/// <summary>
/// Machine-readable output (JSON) goes to <paramref name="Output"/> (stdout), errors to <paramref name="Error"/>
/// (stderr), so a script piping the JSON never reads a progress line or an error message.
/// </summary>
public sealed record CliOutput(TextWriter Output, TextWriter Error);

/// <summary>Exit codes a script can tell apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Bad arguments or configuration (Spectre's own parse errors exit with -1).</summary>
    public const int BadConfiguration = 2;
    /// <summary>The mailbox could not be read: credentials, permission, unknown mailbox, throttling.</summary>
    public const int MailboxUnavailable = 3;
    /// <summary>Some invitations failed (the others were sent; each result says why).</summary>
    public const int PartialFailure = 4;
}
