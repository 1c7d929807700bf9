using System.Globalization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Policy;

/// <summary>Plain-language pieces the reasons are built from.</summary>
internal static class Wording
{
    public static string Count(int n, string singular, string plural) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);

    public static string DaysAgo(DateTimeOffset at, DateTimeOffset asOf)
    {
        var days = (int)Math.Floor((asOf - at).TotalDays);
        return days switch
        {
            <= 0 => "today",
            1 => "yesterday",
            _ => $"{days} days ago",
        };
    }

    public static string InDays(DateTimeOffset at, DateTimeOffset asOf)
    {
        var days = (int)Math.Ceiling((at - asOf).TotalDays);
        return days <= 1 ? "tomorrow" : $"in {days} days";
    }

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MetBy(MeetingMedium medium) => medium switch
    {
        MeetingMedium.Video => "by video",
        MeetingMedium.InPerson => "in person",
        MeetingMedium.Voice => "by phone",
        _ => "in a meeting",
    };

    public static string Call(MeetingMedium medium) => medium switch
    {
        MeetingMedium.Video => "video call",
        MeetingMedium.InPerson => "in-person meeting",
        MeetingMedium.Voice => "phone call",
        _ => "meeting",
    };

    /// <summary>"5 emails, 3 Teams chats, 1 LinkedIn": the channels that carried something, in a fixed order.</summary>
    public static string Channels(ChannelCounts channels)
    {
        var parts = new List<string>(3);
        if (channels.Email > 0) parts.Add(Count(channels.Email, "email", "emails"));
        if (channels.TeamsChat > 0) parts.Add(Count(channels.TeamsChat, "Teams chat", "Teams chats"));
        if (channels.LinkedIn > 0) parts.Add(Count(channels.LinkedIn, "LinkedIn", "LinkedIn"));
        return string.Join(", ", parts);
    }
}
