namespace Outreach.Testing.Graph.Internal;

/// <summary>A block of time getSchedule reports without a calendar event behind it (<see cref="FakeMailbox.AddBusy"/>).</summary>
internal readonly record struct BusyBlock(DateTimeOffset Start, DateTimeOffset End, string Status);

/// <summary>Graph's freeBusyStatus values and the digits availabilityView writes for them.</summary>
internal static class FreeBusy
{
    public static readonly string[] Statuses = ["free", "tentative", "busy", "oof", "workingElsewhere"];

    /// <summary>The status as Graph spells it, or null when it is none of <see cref="Statuses"/>.</summary>
    public static string? Canonical(string? status) =>
        Statuses.FirstOrDefault(s => s.Equals(status, StringComparison.OrdinalIgnoreCase));

    /// <summary>availabilityView's digit: 0 free, 1 tentative, 2 busy, 3 oof, 4 workingElsewhere.</summary>
    public static char Digit(string status) => (char)('0' + Array.IndexOf(Statuses, status));

    /// <summary>Which status a slot shows when several items overlap it: the most unavailable one.</summary>
    public static int Weight(string status) => status switch
    {
        "oof" => 4,
        "busy" => 3,
        "tentative" => 2,
        "workingElsewhere" => 1,
        _ => 0,
    };
}
