using System.Globalization;

namespace Outreach.Core.Invitations.Slots;

/// <summary>
/// The owner's working hours as Outlook keeps them (mailboxSettings.workingHours): working days, a
/// wall-clock start and end, and the zone they are in. They are wall-clock times: 09:00 stays 09:00 local
/// across daylight-saving changes. An end of 00:00 means midnight at the end of the day.
/// </summary>
public sealed class WorkingHours
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <exception cref="ArgumentException">No working day, an end not after the start, or an unknown time zone.</exception>
    public WorkingHours(IEnumerable<DayOfWeek> days, TimeOnly start, TimeOnly end, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        Days = new HashSet<DayOfWeek>(days);
        if (Days.Count == 0) throw new ArgumentException("Working hours need at least one working day.", nameof(days));
        if (Days.Any(d => !Enum.IsDefined(d))) throw new ArgumentException("Working days must be days of the week.", nameof(days));
        if (end != TimeOnly.MinValue && end <= start)
        {
            throw new ArgumentException($"Working hours must end after they start ({start:HH\\:mm}–{end:HH\\:mm}); an end of 00:00 means midnight.", nameof(end));
        }

        Start = start;
        End = end;
        TimeZoneId = timeZoneId.Trim();
        TimeZone = OwnerTimeZone.Resolve(TimeZoneId);
    }

    /// <summary>Monday to Friday.</summary>
    public static WorkingHours MondayToFriday(TimeOnly start, TimeOnly end, string timeZoneId) => new(Weekdays, start, end, timeZoneId);

    public IReadOnlySet<DayOfWeek> Days { get; }

    public TimeOnly Start { get; }

    /// <summary>00:00 means midnight at the end of the day.</summary>
    public TimeOnly End { get; }

    /// <summary>As given: a Windows or an IANA id.</summary>
    public string TimeZoneId { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>How long after local midnight the working day starts.</summary>
    internal TimeSpan StartOfDay => Start.ToTimeSpan();

    /// <summary>How long after local midnight the working day ends (a whole day for an end of 00:00).</summary>
    internal TimeSpan EndOfDay => End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan();

    /// <summary>The local calendar date of an instant in the owner's zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The working window of one local date as instants, or null when the date is not a working day.</summary>
    public TimeInterval? WindowOn(DateOnly date)
    {
        if (!Days.Contains(date.DayOfWeek)) return null;
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new TimeInterval(LocalClock.ToInstant(midnight + StartOfDay, TimeZone), LocalClock.ToInstant(midnight + EndOfDay, TimeZone));
    }

    /// <summary>"Mon, Tue, Wed, Thu, Fri 09:00–17:00 (Europe/Berlin)".</summary>
    public override string ToString()
    {
        var days = string.Join(", ", Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Where(Days.Contains)
            .Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
        var end = End == TimeOnly.MinValue ? "24:00" : End.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{days} {Start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{end} ({OwnerTimeZone.IanaId(TimeZoneId)})";
    }
}
