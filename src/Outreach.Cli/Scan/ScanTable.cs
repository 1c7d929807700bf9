using System.Globalization;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Spectre.Console;

namespace Outreach.Cli.Scan;

/// <summary>The ranked table a person reads: flagged contacts first, with the reasons in words.</summary>
internal static class ScanTable
{
    public static void Render(IAnsiConsole console, ScanResult result, bool all)
    {
        var shown = all ? result.Contacts : [.. result.Contacts.Where(c => c.Status == ContactStatus.Flagged)];
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"Contacts of {Markup.Escape(result.Mailbox)} as of {result.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC")
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("Contact")
            .AddColumn("Status")
            .AddColumn(new TableColumn("Score").RightAligned())
            .AddColumn(new TableColumn("Sent").RightAligned())
            .AddColumn(new TableColumn("Recv").RightAligned())
            .AddColumn("Why");

        var rank = 0;
        foreach (var contact in shown)
        {
            rank++;
            var who = contact.DisplayName is { Length: > 0 } name
                ? $"{Markup.Escape(name)}\n[grey]{Markup.Escape(contact.Email)}[/]"
                : Markup.Escape(contact.Email);
            table.AddRow(
                rank.ToString(CultureInfo.InvariantCulture),
                who,
                StatusMarkup(contact.Status),
                contact.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
                contact.Sent.ToString(CultureInfo.InvariantCulture),
                contact.Received.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join("\n", contact.Reasons)));
        }

        if (rank == 0)
        {
            console.MarkupLine(all ? "No contacts found." : "No online-only contacts: everyone you write with, you have also met.");
        }
        else
        {
            console.Write(table);
        }

        var counts = Enum.GetValues<ContactStatus>()
            .Select(s => (Status: s, Count: result.CountOf(s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Count.ToString(CultureInfo.InvariantCulture)} {x.Status.ToWireName()}");
        console.MarkupLineInterpolated($"[grey]{string.Join(", ", counts)} · {result.Statistics.Pages} pages read ({(result.Statistics.Incremental ? "incremental" : "full")} sync) in {result.Statistics.Duration.TotalSeconds:0.0} s[/]");
        if (result.Statistics.Incomplete)
        {
            // Never silently incomplete: the statuses above may be wrong, and the person should know why.
            console.MarkupLine("[bold red]Warning: this scan could not read the whole mailbox window; some statuses may be wrong.[/]");
            foreach (var reason in result.Statistics.IncompleteReasons!) console.MarkupLineInterpolated($"[red]  {reason}[/]");
        }

        if (!all)
        {
            console.MarkupLine("[grey]--all lists every contact; --format json gives them all with the same fields.[/]");
        }
    }

    private static string StatusMarkup(ContactStatus status) => status switch
    {
        ContactStatus.Flagged => "[bold yellow]flagged[/]",
        ContactStatus.Met => "[green]met[/]",
        ContactStatus.Scheduled => "[green]scheduled[/]",
        ContactStatus.Invited => "[blue]invited[/]",
        ContactStatus.Excluded => "[grey]excluded[/]",
        _ => "[grey]below-threshold[/]",
    };
}
