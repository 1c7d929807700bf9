using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Outreach.Core.Invitations.Slots;

/// <summary>
/// Proposes meeting slots in the owner's calendar. Pure and deterministic: everything it knows comes in
/// its arguments (now included), so the same question always gets the same answer.
/// </summary>
/// <remarks>
/// A slot lies entirely inside the working hours of one working day in the owner's zone, starts on the
/// grid of the owner's local clock (<see cref="SlotOptions.GranularityMinutes"/> after local midnight), no
/// sooner than now + <see cref="SlotOptions.LeadTime"/>, and keeps <see cref="SlotOptions.Buffer"/> away
/// from every busy block and from the other slots proposed. Working hours are wall-clock: on the day clocks
/// spring forward the local times that do not exist are skipped, and on the day they fall back a local time
/// that happens twice is two candidates. The search covers <see cref="SlotOptions.HorizonDays"/> working days,
/// counted from the owner's local date of now (today counts when it is a working day).
/// </remarks>
public static class SlotFinder
{
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(120);

    /// <summary>The most slots one request may ask for.</summary>
    public const int MaxCount = 100;

    /// <summary>
    /// Up to <see cref="SlotRequest.Count"/> slots, earliest first, none overlapping another; fewer (or
    /// none) when the horizon runs out. Each slot's offsets are the owner's local offsets at that time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration outside 15–120 minutes or a count outside 1–100.</exception>
    /// <exception cref="ValidationException">Options outside their documented ranges.</exception>
    public static IReadOnlyList<TimeInterval> FindSlots(SlotRequest request, SlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        options = Validated(options);
        CheckDuration(request.Duration, nameof(request));
        if (request.Count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Count, $"Count must be between 1 and {MaxCount}.");
        }

        var hours = request.WorkingHours;
        var zone = hours.TimeZone;
        var busy = Merge(request.Busy, options.Buffer);
        var busyIndex = 0;
        var notBefore = request.Now + options.LeadTime;
        var grid = TimeSpan.FromMinutes(options.GranularityMinutes);
        var firstOnGrid = TimeSpan.FromTicks((hours.StartOfDay.Ticks + grid.Ticks - 1) / grid.Ticks * grid.Ticks);
        var slots = new List<TimeInterval>(request.Count);

        var date = hours.LocalDate(request.Now);
        var workingDays = 0;
        for (var day = 0; workingDays < options.HorizonDays && day < (options.HorizonDays + 1) * 7; day++, date = date.AddDays(1))
        {
            if (hours.WindowOn(date) is not { } window) continue;
            workingDays++;
            if (window.End <= notBefore) continue;

            foreach (var start in GridStarts(date, firstOnGrid, grid, hours.EndOfDay, zone))
            {
                var candidate = new TimeInterval(start, start + request.Duration);
                if (candidate.Start < window.Start || candidate.End > window.End || candidate.Start < notBefore) continue;

                while (busyIndex < busy.Count && busy[busyIndex].End <= candidate.Start) busyIndex++;
                if (busyIndex < busy.Count && busy[busyIndex].Overlaps(candidate)) continue;

                slots.Add(new TimeInterval(TimeZoneInfo.ConvertTime(candidate.Start, zone), TimeZoneInfo.ConvertTime(candidate.End, zone)));
                if (slots.Count == request.Count) return slots;
                notBefore = candidate.End + options.Buffer;
            }
        }

        return slots;
    }

    /// <summary>
    /// Whether a meeting from <paramref name="start"/> for <paramref name="duration"/> lies entirely inside
    /// the working hours of a working day in the owner's zone.
    /// </summary>
    public static bool IsWithinWorkingHours(WorkingHours hours, DateTimeOffset start, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return hours.WindowOn(hours.LocalDate(start)) is { } window
            && start >= window.Start
            && start + duration <= window.End;
    }

    /// <summary>
    /// Checks a start the caller chose: its duration, that it is not in the past nor within the lead time,
    /// that it is inside working hours and, when <paramref name="busy"/> is given, that it is free
    /// (with the buffer). It need not be on the grid, nor within the horizon.
    /// </summary>
    public static StartCheck CheckStart(
        WorkingHours hours,
        DateTimeOffset start,
        TimeSpan duration,
        DateTimeOffset now,
        SlotOptions? options = null,
        IEnumerable<TimeInterval>? busy = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        options = Validated(options);
        if (duration < MinDuration || duration > MaxDuration)
        {
            return new StartCheck(StartProblem.InvalidDuration, $"duration must be between {MinDuration.TotalMinutes:0} and {MaxDuration.TotalMinutes:0} minutes");
        }

        if (start < now) return new StartCheck(StartProblem.InThePast, "start is in the past");
        if (start < now + options.LeadTime)
        {
            return new StartCheck(StartProblem.TooSoon, $"start must be at least {Describe(options.LeadTime)} from now");
        }

        if (!IsWithinWorkingHours(hours, start, duration))
        {
            return new StartCheck(StartProblem.OutsideWorkingHours, $"start is outside working hours: {hours}");
        }

        var meeting = new TimeInterval(start, start + duration);
        if (busy is not null && Merge(busy, options.Buffer).Any(b => b.Overlaps(meeting)))
        {
            return new StartCheck(StartProblem.Busy, "start overlaps a busy time in the owner's calendar");
        }

        return StartCheck.Valid;
    }

    /// <summary>
    /// The instants at which the local clock shows a grid time of the day, in time order (a fall-back
    /// day's repeated hour interleaves with the hour before it, so they are sorted).
    /// </summary>
    private static List<DateTimeOffset> GridStarts(DateOnly date, TimeSpan first, TimeSpan grid, TimeSpan endOfDay, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var starts = new List<DateTimeOffset>();
        for (var time = first; time < endOfDay; time += grid)
        {
            starts.AddRange(LocalClock.Instants(midnight + time, zone));
        }

        starts.Sort();
        return starts;
    }

    private static SlotOptions Validated(SlotOptions? options)
    {
        options ??= new SlotOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }

    private static void CheckDuration(TimeSpan duration, string parameter)
    {
        if (duration < MinDuration || duration > MaxDuration)
        {
            throw new ArgumentOutOfRangeException(parameter, duration, $"Duration must be between {MinDuration.TotalMinutes:0} and {MaxDuration.TotalMinutes:0} minutes.");
        }
    }

    /// <summary>Busy blocks widened by the buffer, sorted, overlapping and touching ones joined; empty ones dropped.</summary>
    internal static List<TimeInterval> Merge(IEnumerable<TimeInterval> busy, TimeSpan buffer)
    {
        var merged = new List<TimeInterval>();
        foreach (var block in busy.Where(b => b.End > b.Start).OrderBy(b => b.Start))
        {
            var widened = new TimeInterval(block.Start - buffer, block.End + buffer);
            if (merged.Count > 0 && widened.Start <= merged[^1].End)
            {
                if (widened.End > merged[^1].End) merged[^1] = merged[^1] with { End = widened.End };
            }
            else
            {
                merged.Add(widened);
            }
        }

        return merged;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} minutes");
}
