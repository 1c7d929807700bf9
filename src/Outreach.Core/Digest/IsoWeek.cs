using System.Globalization;

namespace Outreach.Core.Digest;

/// <summary>An ISO 8601 week ("2026-W10"): the unit "at most one digest per week" counts in.</summary>
public readonly record struct IsoWeek(int Year, int Week)
{
    public static IsoWeek Of(DateTimeOffset at)
    {
        var day = at.UtcDateTime;
        return new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] != 'W') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        if (year < 2000 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        week = new IsoWeek(year, number);
        return true;
    }

    /// <summary>Monday 00:00 UTC of the week.</summary>
    public DateTimeOffset Start => new(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday), TimeSpan.Zero);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");
}
