using System.Text.RegularExpressions;
using Outreach.Core.Sources;

namespace Outreach.Core.Touchpoints;

/// <summary>
/// Decides a meeting's medium from what Outlook stores: the online-meeting flags first, then join links
/// in the location (or body, when readable), then whether a location is physical or only a phone number.
/// A hybrid meeting (a room and a Teams link) is video: either way the two people saw each other.
/// </summary>
public static partial class MeetingMediumClassifier
{
    private static readonly string[] VideoProviders = ["teamsForBusiness", "skypeForBusiness", "skypeForConsumer"];

    public static MeetingMedium Classify(CalendarEventRecord meeting)
    {
        if (meeting.IsOnlineMeeting
            || !string.IsNullOrWhiteSpace(meeting.JoinUrl)
            || (meeting.OnlineMeetingProvider is { } provider
                && VideoProviders.Contains(provider, StringComparer.OrdinalIgnoreCase)))
        {
            return MeetingMedium.Video;
        }

        var texts = meeting.Locations
            .SelectMany(l => new[] { l.DisplayName, l.LocationUri })
            .Append(meeting.BodyText)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t!);
        if (texts.Any(t => VideoLink().IsMatch(t)))
        {
            return MeetingMedium.Video;
        }

        var described = meeting.Locations
            .Where(l => l.HasAddress || !string.IsNullOrWhiteSpace(l.DisplayName) || !string.IsNullOrWhiteSpace(l.LocationUri))
            .ToList();
        if (described.Count == 0)
        {
            return MeetingMedium.Unknown;
        }

        if (described.Any(IsPhysical))
        {
            return MeetingMedium.InPerson;
        }

        return described.All(IsPhoneOnly) ? MeetingMedium.Voice : MeetingMedium.Unknown;
    }

    private static bool IsPhysical(EventLocation location) =>
        location.HasAddress
        || (!string.IsNullOrWhiteSpace(location.DisplayName)
            && !IsPhone(location.DisplayName)
            && !AnyLink().IsMatch(location.DisplayName));

    private static bool IsPhoneOnly(EventLocation location) =>
        !location.HasAddress
        && (string.IsNullOrWhiteSpace(location.DisplayName) || IsPhone(location.DisplayName))
        && (string.IsNullOrWhiteSpace(location.LocationUri) || IsPhone(location.LocationUri));

    private static bool IsPhone(string text) => PhoneNumber().IsMatch(text.Trim());

    // Join links of the common video services. Kept as hosts + path shapes so a plain company URL in
    // a location ("https://contoso.com/agenda") is not mistaken for a call.
    [GeneratedRegex(
        @"teams\.microsoft\.com/(l/meetup-join|meet)|teams\.live\.com/meet|\bMicrosoft Teams (Meeting|meeting)\b"
        + @"|(^|[/.])zoom(gov)?\.us/(j|my|w|wc)/|meet\.google\.com/[a-z]{3}-|\.webex\.com/(meet|join|[^/\s]+/j\.php)"
        + @"|whereby\.com/|(global\.)?gotomeeting\.com/join|meet\.goto\.com/|chime\.aws/|bluejeans\.com/"
        + @"|meet\.jit\.si/|join\.skype\.com/|meet\.lync\.com/|vc\.ringcentral\.com/",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VideoLink();

    [GeneratedRegex(@"https?://|\bwww\.", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyLink();

    // "tel:+1 425 555 0100", "+44 20 7946 0958", "(425) 555-0100 ext. 12", "Phone: 020 7946 0958".
    [GeneratedRegex(
        @"^(tel:|phone:?|call:?)?\s*\+?[\d\s().\-/]{7,}(\s*(x|ext\.?)\s*\d+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();
}
