namespace Outreach.Core.Sources;

/// <summary>The fixed date range a calendar change feed tracks; a new range needs a new full sync.</summary>
public sealed record CalendarWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Covers(DateTimeOffset start, DateTimeOffset end) => Start <= start && End >= end;
}
