namespace Outreach.Core.Sources;

/// <summary>The wire names of <see cref="SourceKinds"/>: <c>Outreach__Sources</c> and the CLI's <c>--sources</c> (a contract).</summary>
public static class SourceNames
{
    public const string Mail = "mail";
    public const string Calendar = "calendar";
    public const string TeamsCalls = "teamsCalls";
    public const string TeamsChats = "teamsChats";

    public static readonly IReadOnlyList<string> All = [Mail, Calendar, TeamsCalls, TeamsChats];

    /// <summary>"mail,calendar" (commas or semicolons, any case, spaces ignored).</summary>
    /// <param name="unknown">The first name that is not a source, when false is returned.</param>
    public static bool TryParse(string? text, out SourceKinds sources, out string? unknown)
    {
        sources = SourceKinds.None;
        unknown = null;
        foreach (var part in (text ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kind = Kind(part);
            if (kind == SourceKinds.None)
            {
                unknown = part;
                return false;
            }

            sources |= kind;
        }

        return true;
    }

    public static string Format(SourceKinds sources) =>
        string.Join(",", All.Where(name => sources.HasFlag(Kind(name))));

    private static SourceKinds Kind(string name) => name.ToUpperInvariant() switch
    {
        "MAIL" => SourceKinds.Mail,
        "CALENDAR" => SourceKinds.Calendar,
        "TEAMSCALLS" => SourceKinds.TeamsCalls,
        "TEAMSCHATS" => SourceKinds.TeamsChats,
        _ => SourceKinds.None,
    };
}
