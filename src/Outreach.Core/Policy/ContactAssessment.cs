namespace Outreach.Core.Policy;

/// <summary>
/// One contact's result: its status, and for flagged contacts a score, with the reasons in plain words.
/// Counts are within the text look-back; <see cref="LastMetAt"/> is the latest qualifying past meeting.
/// <see cref="Email"/> is the contact's key: the normalised address, or for a LinkedIn-only contact
/// (<see cref="IsLinkedInOnly"/>) the normalised profile URL its import gave (<c>ImportedContact.ContactKey</c>).
/// </summary>
public sealed record ContactAssessment(
    string Email,
    string? DisplayName,
    ContactStatus Status,
    double? Score,
    int Sent,
    int Received,
    int Conversations,
    DateTimeOffset? LastTextAt,
    DateTimeOffset? LastMetAt,
    DateTimeOffset? NextMeetingAt,
    IReadOnlyList<string> Reasons,
    string? LatestSubject)
{
    /// <summary>Text touchpoints within the look-back per channel (their sum is <see cref="Sent"/> + <see cref="Received"/>).</summary>
    public ChannelCounts Channels { get; init; }

    /// <summary>The contact's LinkedIn profile, where an import knows it (as imported: not yet checked as a link).</summary>
    public string? LinkedinUrl { get; init; }

    /// <summary>Known only from a LinkedIn import, with no address: no Outlook invitation, "ask on LinkedIn" instead.</summary>
    public bool IsLinkedInOnly { get; init; }
}
