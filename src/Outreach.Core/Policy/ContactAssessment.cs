namespace Outreach.Core.Policy;

/// <summary>
/// One contact's result: its status, and for flagged contacts a score, with the reasons in plain words.
/// Counts are within the text look-back; <see cref="LastMetAt"/> is the latest qualifying past meeting.
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
    string? LatestSubject);
