using System.ComponentModel.DataAnnotations;
using Outreach.Core.Invitations.Slots;
using static Outreach.Core.Tests.Invitations.Slots.Slots;

namespace Outreach.Core.Tests.Invitations.Slots;

// 2026-03-02 is a Monday; Berlin is on UTC+01:00 until 29 March.
public sealed class SlotFinderTests
{
    [Fact]
    public void First_slots_start_when_the_working_day_starts_on_the_local_grid()
    {
        var slots = Find(Berlin, now: "2026-03-01T12:00Z");

        Assert.Equal(["2026-03-02 09:00-09:30 +01:00", "2026-03-02 09:30-10:00 +01:00", "2026-03-02 10:00-10:30 +01:00"], Local(slots));
    }

    [Fact]
    public void Overlapping_unsorted_busy_blocks_in_any_offset_are_avoided()
    {
        IReadOnlyList<TimeInterval> busy =
        [
            Busy("2026-03-02T10:00Z", "2026-03-02T10:30Z"), // 11:00-11:30 local
            Busy("2026-03-02T08:00Z", "2026-03-02T08:45Z"), // 09:00-09:45 local
            Busy("2026-03-02T14:00+05:30", "2026-03-02T14:40+05:30"), // 09:30-10:10 local
        ];

        var slots = Find(Berlin, now: "2026-03-01T12:00Z", busy: busy);

        Assert.Equal(["2026-03-02 10:30-11:00 +01:00", "2026-03-02 11:30-12:00 +01:00", "2026-03-02 12:00-12:30 +01:00"], Local(slots));
    }

    [Fact]
    public void A_slot_may_touch_a_busy_block_but_never_overlap_it()
    {
        var busy = new[] { Busy("2026-03-02T09:30+01:00", "2026-03-02T10:00+01:00") };

        var slots = Find(Berlin, now: "2026-03-01T12:00Z", count: 2, busy: busy);

        Assert.Equal(["2026-03-02 09:00-09:30 +01:00", "2026-03-02 10:00-10:30 +01:00"], Local(slots));
    }

    [Fact]
    public void A_buffer_keeps_free_time_around_busy_blocks_and_between_the_slots()
    {
        var busy = new[] { Busy("2026-03-02T09:00+01:00", "2026-03-02T09:30+01:00") };

        var without = Find(Berlin, now: "2026-03-01T12:00Z", count: 2, busy: busy);
        var with = Find(Berlin, now: "2026-03-01T12:00Z", count: 2, busy: busy, options: new SlotOptions { Buffer = TimeSpan.FromMinutes(15) });

        Assert.Equal(["2026-03-02 09:30-10:00 +01:00", "2026-03-02 10:00-10:30 +01:00"], Local(without));
        Assert.Equal(["2026-03-02 10:00-10:30 +01:00", "2026-03-02 11:00-11:30 +01:00"], Local(with));
    }

    [Fact]
    public void The_last_slot_of_a_day_ends_when_working_hours_end()
    {
        var busy = new[] { Busy("2026-03-02T09:00+01:00", "2026-03-02T16:00+01:00") };

        var slots = Find(Berlin, now: "2026-03-01T12:00Z", minutes: 60, busy: busy);

        Assert.Equal(["2026-03-02 16:00-17:00 +01:00", "2026-03-03 09:00-10:00 +01:00", "2026-03-03 10:00-11:00 +01:00"], Local(slots));
    }

    [Fact]
    public void Weekends_are_skipped()
    {
        // Friday 16:00 local: two hours' lead reaches past the end of Friday.
        var slots = Find(Berlin, now: "2026-03-06T15:00Z", count: 1);

        Assert.Equal(["2026-03-09 09:00-09:30 +01:00"], Local(slots));
    }

    [Fact]
    public void No_slot_starts_within_the_lead_time_and_the_first_is_the_next_grid_time()
    {
        // Monday 10:10 local.
        var twoHours = Find(Berlin, now: "2026-03-02T09:10Z", count: 1);
        var noLead = Find(Berlin, now: "2026-03-02T09:10Z", count: 1, options: new SlotOptions { LeadTime = TimeSpan.Zero });

        Assert.Equal(["2026-03-02 12:30-13:00 +01:00"], Local(twoHours));
        Assert.Equal(["2026-03-02 10:30-11:00 +01:00"], Local(noLead));
    }

    [Fact]
    public void Fewer_slots_than_asked_when_the_horizon_runs_out()
    {
        IReadOnlyList<TimeInterval> busy =
        [
            Busy("2026-03-02T09:00+01:00", "2026-03-02T16:30+01:00"),
            Busy("2026-03-03T09:00+01:00", "2026-03-03T16:30+01:00"),
        ];

        var slots = Find(Berlin, now: "2026-03-01T12:00Z", count: 5, busy: busy, options: new SlotOptions { HorizonDays = 2 });

        Assert.Equal(["2026-03-02 16:30-17:00 +01:00", "2026-03-03 16:30-17:00 +01:00"], Local(slots));
    }

    [Fact]
    public void The_horizon_counts_working_days_not_calendar_days()
    {
        // Friday 07:00 local, and Friday is fully booked.
        var busy = new[] { Busy("2026-03-06T09:00+01:00", "2026-03-06T17:00+01:00") };

        var oneDay = Find(Berlin, now: "2026-03-06T06:00Z", count: 1, busy: busy, options: new SlotOptions { HorizonDays = 1 });
        var twoDays = Find(Berlin, now: "2026-03-06T06:00Z", count: 1, busy: busy, options: new SlotOptions { HorizonDays = 2 });

        Assert.Empty(oneDay);
        Assert.Equal(["2026-03-09 09:00-09:30 +01:00"], Local(twoDays));
    }

    [Fact]
    public void The_slots_for_several_contacts_never_overlap_each_other()
    {
        var slots = Find(Berlin, now: "2026-03-01T12:00Z", count: 4, minutes: 60);

        Assert.Equal(
            ["2026-03-02 09:00-10:00 +01:00", "2026-03-02 10:00-11:00 +01:00", "2026-03-02 11:00-12:00 +01:00", "2026-03-02 12:00-13:00 +01:00"],
            Local(slots));
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }

    [Theory]
    [InlineData(15, "2026-03-02 09:15-09:45 +01:00")]
    [InlineData(30, "2026-03-02 09:30-10:00 +01:00")]
    [InlineData(60, "2026-03-02 10:00-10:30 +01:00")]
    public void Slots_start_on_the_configured_grid(int granularity, string expected)
    {
        var busy = new[] { Busy("2026-03-02T09:00+01:00", "2026-03-02T09:10+01:00") };

        var slots = Find(Berlin, now: "2026-03-01T12:00Z", count: 1, busy: busy, options: new SlotOptions { GranularityMinutes = granularity });

        Assert.Equal([expected], Local(slots));
    }

    [Fact]
    public void Only_the_owners_working_days_are_used()
    {
        var hours = new WorkingHours([DayOfWeek.Tuesday, DayOfWeek.Thursday], new TimeOnly(10, 0), new TimeOnly(12, 0), "Europe/Berlin");
        var busy = new[] { Busy("2026-03-03T10:00+01:00", "2026-03-03T12:00+01:00") };

        var slots = Find(hours, now: "2026-03-01T12:00Z", count: 1, busy: busy);

        Assert.Equal(["2026-03-05 10:00-10:30 +01:00"], Local(slots));
    }

    [Fact]
    public void Working_hours_ending_at_00_00_run_until_midnight()
    {
        var hours = WorkingHours.MondayToFriday(new TimeOnly(22, 0), TimeOnly.MinValue, "Europe/Berlin");

        var slots = Find(hours, now: "2026-03-01T12:00Z", count: 4);

        Assert.Equal(
            ["2026-03-02 22:00-22:30 +01:00", "2026-03-02 22:30-23:00 +01:00", "2026-03-02 23:00-23:30 +01:00", "2026-03-02 23:30-00:00 +01:00"],
            Local(slots));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(14)]
    [InlineData(121)]
    public void A_duration_outside_15_to_120_minutes_is_rejected(int minutes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Find(Berlin, now: "2026-03-01T12:00Z", minutes: minutes));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(120)]
    public void Durations_of_15_and_120_minutes_are_accepted(int minutes)
    {
        var slot = Assert.Single(Find(Berlin, now: "2026-03-01T12:00Z", count: 1, minutes: minutes));

        Assert.Equal(TimeSpan.FromMinutes(minutes), slot.Duration);
    }

    [Fact]
    public void Asking_for_no_slot_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Find(Berlin, now: "2026-03-01T12:00Z", count: 0));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(31, 30)]
    [InlineData(10, 4)]
    [InlineData(10, 61)]
    public void Options_outside_their_ranges_are_rejected(int horizon, int granularity)
    {
        var options = new SlotOptions { HorizonDays = horizon, GranularityMinutes = granularity };

        Assert.Throws<ValidationException>(() => Find(Berlin, now: "2026-03-01T12:00Z", options: options));
    }

    [Fact]
    public void An_unknown_time_zone_is_rejected_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkingHours.MondayToFriday(new TimeOnly(9, 0), new TimeOnly(17, 0), "Mars/Olympus_Mons"));

        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Working_hours_must_end_after_they_start()
    {
        Assert.Throws<ArgumentException>(() => WorkingHours.MondayToFriday(new TimeOnly(17, 0), new TimeOnly(9, 0), "Europe/Berlin"));
        Assert.Throws<ArgumentException>(() => new WorkingHours([], new TimeOnly(9, 0), new TimeOnly(17, 0), "Europe/Berlin"));
    }

    [Fact]
    public void Empty_and_inverted_busy_blocks_are_ignored()
    {
        var busy = new[] { Busy("2026-03-02T10:00+01:00", "2026-03-02T09:00+01:00"), Busy("2026-03-02T09:00+01:00", "2026-03-02T09:00+01:00") };

        var slots = Find(Berlin, now: "2026-03-01T12:00Z", count: 1, busy: busy);

        Assert.Equal(["2026-03-02 09:00-09:30 +01:00"], Local(slots));
    }
}
