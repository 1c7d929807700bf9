using System.Globalization;
using Outreach.Core.Invitations.Slots;

namespace Outreach.Core.Tests.Invitations.Slots;

/// <summary>Short ways to ask for slots and to read them.</summary>
internal static class Slots
{
    public static readonly WorkingHours Berlin = WorkingHours.MondayToFriday(new TimeOnly(9, 0), new TimeOnly(17, 0), "Europe/Berlin");

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static TimeInterval Busy(string start, string end) => new(At(start), At(end));

    public static IReadOnlyList<TimeInterval> Find(
        WorkingHours hours,
        string now,
        int count = 3,
        int minutes = 30,
        IReadOnlyList<TimeInterval>? busy = null,
        SlotOptions? options = null) =>
        SlotFinder.FindSlots(
            new SlotRequest
            {
                WorkingHours = hours,
                Now = At(now),
                Duration = TimeSpan.FromMinutes(minutes),
                Count = count,
                Busy = busy ?? [],
            },
            options);

    /// <summary>"2026-03-02 09:00-09:30 +01:00": the owner's local view of a slot.</summary>
    public static string Local(TimeInterval slot) =>
        string.Create(CultureInfo.InvariantCulture, $"{slot.Start:yyyy-MM-dd HH:mm}-{slot.End:HH:mm} {slot.Start:zzz}");

    public static string[] Local(IEnumerable<TimeInterval> slots) => [.. slots.Select(Local)];

    /// <summary>"2026-03-02T08:00Z": the instant a slot starts.</summary>
    public static string Utc(TimeInterval slot) => slot.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string[] Utc(IEnumerable<TimeInterval> slots) => [.. slots.Select(Utc)];
}
