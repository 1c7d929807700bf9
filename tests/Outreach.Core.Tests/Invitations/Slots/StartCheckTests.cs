using Outreach.Core.Invitations.Slots;
using static Outreach.Core.Tests.Invitations.Slots.Slots;

namespace Outreach.Core.Tests.Invitations.Slots;

/// <summary>A start the caller chose: the service answers "start is outside working hours" and the like.</summary>
public sealed class StartCheckTests
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);

    // Monday 2 March 2026, 08:00 in Berlin.
    private static readonly DateTimeOffset Now = At("2026-03-02T07:00Z");

    [Fact]
    public void A_start_inside_working_hours_off_the_grid_is_valid()
    {
        var check = SlotFinder.CheckStart(Berlin, At("2026-03-02T14:10+01:00"), HalfAnHour, Now);

        Assert.True(check.IsValid);
        Assert.Null(check.Message);
    }

    [Fact]
    public void A_start_in_the_past_is_reported_as_such()
    {
        var check = SlotFinder.CheckStart(Berlin, At("2026-02-27T10:00+01:00"), HalfAnHour, Now);

        Assert.Equal(StartProblem.InThePast, check.Problem);
        Assert.Equal("start is in the past", check.Message);
    }

    [Fact]
    public void A_start_within_the_lead_time_is_too_soon()
    {
        var check = SlotFinder.CheckStart(Berlin, At("2026-03-02T09:30+01:00"), HalfAnHour, Now);

        Assert.Equal(StartProblem.TooSoon, check.Problem);
        Assert.Equal("start must be at least 2 hours from now", check.Message);
    }

    [Fact]
    public void A_start_on_a_weekend_is_outside_working_hours()
    {
        var check = SlotFinder.CheckStart(Berlin, At("2026-03-07T10:00+01:00"), HalfAnHour, Now);

        Assert.Equal(StartProblem.OutsideWorkingHours, check.Problem);
        Assert.Equal("start is outside working hours: Mon, Tue, Wed, Thu, Fri 09:00–17:00 (Europe/Berlin)", check.Message);
    }

    [Fact]
    public void A_meeting_running_past_the_end_of_the_working_day_is_outside_working_hours()
    {
        var fits = SlotFinder.CheckStart(Berlin, At("2026-03-02T16:30+01:00"), HalfAnHour, Now);
        var overruns = SlotFinder.CheckStart(Berlin, At("2026-03-02T16:45+01:00"), HalfAnHour, Now);

        Assert.True(fits.IsValid);
        Assert.Equal(StartProblem.OutsideWorkingHours, overruns.Problem);
    }

    [Fact]
    public void A_start_overlapping_a_busy_block_is_reported_only_when_busy_time_is_given()
    {
        var busy = new[] { Busy("2026-03-02T14:00+01:00", "2026-03-02T15:00+01:00") };

        var withBusy = SlotFinder.CheckStart(Berlin, At("2026-03-02T13:45+01:00"), HalfAnHour, Now, busy: busy);
        var withoutBusy = SlotFinder.CheckStart(Berlin, At("2026-03-02T13:45+01:00"), HalfAnHour, Now);
        var touching = SlotFinder.CheckStart(Berlin, At("2026-03-02T13:30+01:00"), HalfAnHour, Now, busy: busy);

        Assert.Equal(StartProblem.Busy, withBusy.Problem);
        Assert.True(withoutBusy.IsValid);
        Assert.True(touching.IsValid);
    }

    [Fact]
    public void A_duration_outside_15_to_120_minutes_is_reported()
    {
        var check = SlotFinder.CheckStart(Berlin, At("2026-03-02T14:00+01:00"), TimeSpan.FromMinutes(150), Now);

        Assert.Equal(StartProblem.InvalidDuration, check.Problem);
        Assert.Contains("15 and 120 minutes", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Friday before Berlin springs forward: 07:00Z is 08:00 local, before work; 08:00Z is 09:00.
    [InlineData("2026-03-27T07:00Z", false)]
    [InlineData("2026-03-27T08:00Z", true)]
    // The Monday after: 07:00Z is 09:00 local; 15:00Z is 17:00, the end.
    [InlineData("2026-03-30T07:00Z", true)]
    [InlineData("2026-03-30T06:30Z", false)]
    [InlineData("2026-03-30T14:30Z", true)]
    [InlineData("2026-03-30T15:00Z", false)]
    public void Working_hours_follow_the_local_clock_across_a_clock_change(string start, bool within)
    {
        foreach (var zone in new[] { "Europe/Berlin", "W. Europe Standard Time" })
        {
            var hours = WorkingHours.MondayToFriday(new TimeOnly(9, 0), new TimeOnly(17, 0), zone);

            Assert.Equal(within, SlotFinder.IsWithinWorkingHours(hours, At(start), HalfAnHour));
        }
    }
}
