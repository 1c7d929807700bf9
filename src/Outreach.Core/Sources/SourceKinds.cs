namespace Outreach.Core.Sources;

/// <summary>
/// What a deployment reads (issue 13): <c>Outreach__Sources</c> and the CLI's <c>--sources</c>, any of
/// <c>mail</c>, <c>calendar</c>, <c>teamsCalls</c>, <c>teamsChats</c>. The default is mail and calendar,
/// which behaves exactly as before Teams existed. A LinkedIn import is not a source: it is kept once imported.
/// </summary>
[Flags]
public enum SourceKinds
{
    None = 0,
    Mail = 1,
    Calendar = 2,
    TeamsCalls = 4,
    TeamsChats = 8,
    Default = Mail | Calendar,
}
