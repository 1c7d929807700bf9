using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Policy;

/// <summary>
/// The warmth rules' numbers. Bound from the "Outreach:Policy" section (app settings
/// <c>Outreach__Policy__TextLookbackDays</c> and so on) and validated at start-up.
/// </summary>
public sealed class WarmthPolicyOptions
{
    public const string SectionName = "Outreach:Policy";

    /// <summary>How far back a meeting still counts as having met.</summary>
    [Range(1, 3650)]
    public int MeetingLookbackDays { get; set; } = 730;

    /// <summary>How far ahead an upcoming meeting makes a contact "scheduled".</summary>
    [Range(1, 365)]
    public int ScheduledLookaheadDays { get; set; } = 90;

    /// <summary>Larger meetings (webinars, all-hands) do not count as having met someone.</summary>
    [Range(2, 1000)]
    public int MaxMeetingParticipants { get; set; } = 8;

    /// <summary>Whether a phone-only call counts as having met.</summary>
    public bool VoiceCountsAsMet { get; set; }

    /// <summary>The window in which text touchpoints are counted.</summary>
    [Range(7, 3650)]
    public int TextLookbackDays { get; set; } = 180;

    [Range(1, 1000)]
    public int MinTextTouchpoints { get; set; } = 3;

    /// <summary>Require at least one message each way (the contact wrote back).</summary>
    public bool RequireReciprocity { get; set; } = true;

    /// <summary>The latest text touchpoint must be this recent.</summary>
    [Range(1, 3650)]
    public int RecentTextDays { get; set; } = 90;

    /// <summary>Domains treated as internal besides the mailbox's own (subdomains included).</summary>
    public List<string> InternalDomains { get; set; } = [];

    /// <summary>Addresses (or "@domain") never to flag or invite.</summary>
    public List<string> DoNotContact { get; set; } = [];

    /// <summary>Local parts of role addresses no person answers.</summary>
    [MinLength(0)]
    public List<string> AutomatedLocalParts { get; set; } =
    [
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
        "notifications", "notification", "notify", "mailer-daemon", "postmaster", "bounce", "bounces",
    ];

    /// <summary>
    /// A copy with more internal domains and do-not-contact entries (one scan's additions). A copy of the
    /// whole object, so an option added later is never lost on the way.
    /// </summary>
    public WarmthPolicyOptions With(IEnumerable<string> internalDomains, IEnumerable<string> doNotContact)
    {
        var copy = (WarmthPolicyOptions)MemberwiseClone();
        copy.InternalDomains = [.. InternalDomains, .. internalDomains];
        copy.DoNotContact = [.. DoNotContact, .. doNotContact];
        copy.AutomatedLocalParts = [.. AutomatedLocalParts];
        return copy;
    }
}
