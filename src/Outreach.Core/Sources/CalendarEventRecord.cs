namespace Outreach.Core.Sources;

/// <summary>How an attendee (or the owner) answered an invitation, as Outlook records it.</summary>
public enum MeetingResponse
{
    None,
    Organizer,
    TentativelyAccepted,
    Accepted,
    Declined,
    NotResponded,
}

public enum AttendeeKind
{
    Required,
    Optional,
    /// <summary>A room or equipment mailbox: never a person, never a contact.</summary>
    Resource,
}

public sealed record EventAttendee(string Address, string? Name, AttendeeKind Kind, MeetingResponse Response);

/// <summary>A location as Outlook stores it; <paramref name="HasAddress"/> means a street address was given.</summary>
public sealed record EventLocation(string? DisplayName, string? LocationType, string? LocationUri, bool HasAddress);

/// <summary>
/// One calendar event as a calendar view returns it: an occurrence of a series is its own record.
/// <paramref name="OwnerResponse"/> is the mailbox owner's answer. <paramref name="BodyText"/> is only set
/// when the source was allowed to read event bodies (off by default).
/// </summary>
public sealed record CalendarEventRecord(
    string Id,
    string? SeriesMasterId,
    string? Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsCancelled,
    MeetingResponse OwnerResponse,
    EmailParticipant? Organizer,
    IReadOnlyList<EventAttendee> Attendees,
    bool IsOnlineMeeting,
    string? OnlineMeetingProvider,
    string? JoinUrl,
    IReadOnlyList<EventLocation> Locations,
    string? BodyText = null);
