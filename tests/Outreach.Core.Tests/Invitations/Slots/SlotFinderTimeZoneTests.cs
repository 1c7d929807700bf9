using Outreach.Core.Invitations.Slots;
using static Outreach.Core.Tests.Invitations.Slots.Slots;

namespace Outreach.Core.Tests.Invitations.Slots;

/// <summary>Working hours are wall-clock in the owner's zone, whatever the offset and across daylight-saving changes.</summary>
public sealed class SlotFinderTimeZoneTests
{
    private static readonly SlotOptions OneDay = new() { HorizonDays = 1 };

    /// <summary>
    /// A week whose weekend changes the clocks: the Friday has only 09:00-10:00 free, so the second slot
    /// is the Monday, at 09:00 local again although the offset changed.
    /// </summary>
    [Theory]
    // Berlin springs forward on the last Sunday of March, falls back on the last Sunday of October.
    [InlineData("Europe/Berlin", "2026-03-27", "+01:00", "2026-03-30", "+02:00", "2026-03-27T08:00Z", "2026-03-30T07:00Z")]
    [InlineData("Europe/Berlin", "2026-10-23", "+02:00", "2026-10-26", "+01:00", "2026-10-23T07:00Z", "2026-10-26T08:00Z")]
    // New York springs forward on the second Sunday of March, falls back on the first Sunday of November.
    [InlineData("America/New_York", "2026-03-06", "-05:00", "2026-03-09", "-04:00", "2026-03-06T14:00Z", "2026-03-09T13:00Z")]
    [InlineData("America/New_York", "2026-10-30", "-04:00", "2026-11-02", "-05:00", "2026-10-30T13:00Z", "2026-11-02T14:00Z")]
    // Auckland leaves daylight saving time on the first Sunday of April.
    [InlineData("Pacific/Auckland", "2026-04-03", "+13:00", "2026-04-06", "+12:00", "2026-04-02T20:00Z", "2026-04-05T21:00Z")]
    public void Nine_oclock_stays_nine_oclock_local_across_a_clock_change(
        string zone, string friday, string fridayOffset, string monday, string mondayOffset, string fridayUtc, string mondayUtc)
    {
        var hours = WorkingHours.MondayToFriday(new TimeOnly(9, 0), new TimeOnly(17, 0), zone);
        var busy = new[] { Busy($"{friday}T10:00{fridayOffset}", $"{friday}T17:00{fridayOffset}") };
        var now = At($"{friday}T06:00{fridayOffset}").UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);

        var slots = Find(hours, now, count: 2, minutes: 60, busy: busy);

        Assert.Equal([$"{friday} 09:00-10:00 {fridayOffset}", $"{monday} 09:00-10:00 {mondayOffset}"], Local(slots));
        Assert.Equal([fridayUtc, mondayUtc], Utc(slots));
    }

    [Fact]
    public void Local_times_skipped_when_clocks_spring_forward_are_never_proposed()
    {
        // Sunday 29 March 2026 in Berlin: 02:00 becomes 03:00.
        var hours = new WorkingHours([DayOfWeek.Sunday], TimeOnly.MinValue, new TimeOnly(5, 0), "Europe/Berlin");

        var slots = Find(hours, now: "2026-03-27T12:00Z", count: 10, minutes: 60, options: OneDay);

        Assert.Equal(
            ["2026-03-29 00:00-01:00 +01:00", "2026-03-29 01:00-03:00 +01:00", "2026-03-29 03:00-04:00 +02:00", "2026-03-29 04:00-05:00 +02:00"],
            Local(slots));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(1), s.Duration));
    }

    [Fact]
    public void The_hour_repeated_when_clocks_fall_back_can_hold_a_slot_each_time()
    {
        // Sunday 25 October 2026 in Berlin: 03:00 becomes 02:00, so 00:00-05:00 local is six hours long.
        var hours = new WorkingHours([DayOfWeek.Sunday], TimeOnly.MinValue, new TimeOnly(5, 0), "Europe/Berlin");

        var slots = Find(hours, now: "2026-10-23T12:00Z", count: 10, minutes: 60, options: OneDay);

        Assert.Equal(
            [
                "2026-10-25 00:00-01:00 +02:00", "2026-10-25 01:00-02:00 +02:00", "2026-10-25 02:00-02:00 +02:00",
                "2026-10-25 02:00-03:00 +01:00", "2026-10-25 03:00-04:00 +01:00", "2026-10-25 04:00-05:00 +01:00",
            ],
            Local(slots));
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }

    [Fact]
    public void Busy_time_in_either_occurrence_of_the_repeated_hour_is_respected()
    {
        var hours = new WorkingHours([DayOfWeek.Sunday], TimeOnly.MinValue, new TimeOnly(5, 0), "Europe/Berlin");
        // 02:30-02:45 the first time round (+02:00), and 02:00-02:30 the second time (+01:00).
        var busy = new[] { Busy("2026-10-25T00:30Z", "2026-10-25T00:45Z"), Busy("2026-10-25T01:00Z", "2026-10-25T01:30Z") };

        var slots = Find(hours, now: "2026-10-23T12:00Z", count: 20, busy: busy, options: OneDay);

        Assert.Equal(
            [
                "2026-10-25 00:00-00:30 +02:00", "2026-10-25 00:30-01:00 +02:00", "2026-10-25 01:00-01:30 +02:00",
                "2026-10-25 01:30-02:00 +02:00", "2026-10-25 02:00-02:30 +02:00", "2026-10-25 02:30-03:00 +01:00",
                "2026-10-25 03:00-03:30 +01:00", "2026-10-25 03:30-04:00 +01:00", "2026-10-25 04:00-04:30 +01:00",
                "2026-10-25 04:30-05:00 +01:00",
            ],
            Local(slots));
        Assert.DoesNotContain(slots, s => busy.Any(s.Overlaps));
    }

    [Fact]
    public void An_owner_in_Auckland_gets_Monday_morning_while_it_is_still_Sunday_in_UTC()
    {
        var hours = WorkingHours.MondayToFriday(new TimeOnly(9, 0), new TimeOnly(17, 0), "Pacific/Auckland");

        // Friday 20:00 UTC is Saturday 08:00 in Auckland (UTC+12:00 in June).
        var slot = Assert.Single(Find(hours, now: "2026-06-05T20:00Z", count: 1));

        Assert.Equal("2026-06-08 09:00-09:30 +12:00", Local(slot));
        Assert.Equal("2026-06-07T21:00Z", Utc(slot));
    }

    [Fact]
    public void An_owner_in_Kolkata_gets_the_grid_of_the_local_clock_not_of_UTC()
    {
        var hours = WorkingHours.MondayToFriday(new TimeOnly(9, 0), new TimeOnly(18, 0), "Asia/Kolkata");
        var busy = new[] { Busy("2026-03-02T09:00+05:30", "2026-03-02T09:10+05:30") };

        var halfHourGrid = Find(hours, now: "2026-03-01T12:00Z", count: 1);
        var hourGrid = Find(hours, now: "2026-03-01T12:00Z", count: 1, busy: busy, options: new SlotOptions { GranularityMinutes = 60 });

        Assert.Equal(["2026-03-02 09:00-09:30 +05:30"], Local(halfHourGrid));
        Assert.Equal(["2026-03-02T03:30Z"], Utc(halfHourGrid));
        Assert.Equal(["2026-03-02 10:00-10:30 +05:30"], Local(hourGrid));
        Assert.Equal(["2026-03-02T04:30Z"], Utc(hourGrid));
    }

    [Theory]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Eastern Standard Time", "America/New_York")]
    [InlineData("India Standard Time", "Asia/Kolkata")]
    [InlineData("New Zealand Standard Time", "Pacific/Auckland")]
    public void A_Windows_zone_name_gives_the_same_slots_as_its_IANA_name(string windows, string iana)
    {
        // A fortnight spanning Berlin's and New York's spring changes.
        var busy = new[] { Busy("2026-03-09T00:00Z", "2026-03-27T00:00Z") };
        IReadOnlyList<TimeInterval> FindIn(string zone) =>
            Find(WorkingHours.MondayToFriday(new TimeOnly(9, 0), new TimeOnly(17, 0), zone), now: "2026-03-06T00:00Z", count: 40, minutes: 120, busy: busy);

        var fromWindows = FindIn(windows);

        Assert.NotEmpty(fromWindows);
        Assert.Equal(Local(FindIn(iana)), Local(fromWindows));
        Assert.Equal(Utc(FindIn(iana)), Utc(fromWindows));
    }

    [Fact]
    public void A_Windows_zone_name_resolves_without_ICU()
    {
        // The repository builds with InvariantGlobalization, so no ICU: TimeZoneConverter carries the mapping.
        Assert.True(OwnerTimeZone.TryResolve("W. Europe Standard Time", out var zone));
        Assert.Equal(TimeSpan.FromHours(2), zone.GetUtcOffset(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("Europe/Berlin", OwnerTimeZone.IanaId("W. Europe Standard Time"));
    }
}
