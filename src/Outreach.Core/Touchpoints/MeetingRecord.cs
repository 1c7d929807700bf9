namespace Outreach.Core.Touchpoints;

/// <summary>
/// A person in a meeting other than rooms; the owner is among them and filtered when evaluating.
/// <paramref name="Accepted"/>: the attendee accepted or tentatively accepted (an invitation's follow-up reads it).
/// </summary>
public sealed record MeetingParticipant(string Address, string? Name, bool IsOrganizer, bool Declined, bool Accepted = false);

/// <summary>
/// What the warmth rules need to know of one calendar event (one occurrence of a series), reduced from
/// the event when it is read. <see cref="ParticipantCount"/> counts distinct people (organizer and
/// attendees, owner included, rooms excluded).
/// </summary>
public sealed record MeetingRecord(
    string EventId,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsCancelled,
    bool OwnerDeclined,
    MeetingMedium Medium,
    int ParticipantCount,
    IReadOnlyList<MeetingParticipant> Participants);
