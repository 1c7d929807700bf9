namespace Outreach.Core.Touchpoints;

/// <summary>How a meeting was held, as far as its invitation tells.</summary>
public enum MeetingMedium
{
    /// <summary>No location and no link: counted as met by default (people usually did meet).</summary>
    Unknown,
    Video,
    InPerson,
    /// <summary>Only a phone number or tel: link: a voice call, not seeing each other.</summary>
    Voice,
}
