namespace Outreach.Core.Invitations;

/// <summary>The owner as the calendar knows them: name, time zone and working hours.</summary>
public sealed record OwnerProfile(
    string Mailbox,
    string? DisplayName,
    string TimeZone,
    IReadOnlyList<DayOfWeek> WorkingDays,
    TimeOnly WorkdayStart,
    TimeOnly WorkdayEnd);

/// <summary>A busy block of the owner's calendar (UTC).</summary>
public sealed record BusyInterval(DateTimeOffset Start, DateTimeOffset End);

/// <summary>What to put on the owner's calendar; Exchange sends the invitation to the attendee.</summary>
public sealed record NewMeeting(
    string Subject,
    string HtmlBody,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    string AttendeeAddress,
    string? AttendeeName,
    InvitationMode Mode,
    string? Location,
    string TransactionId);

public sealed record CreatedMeeting(string EventId, DateTimeOffset Start, DateTimeOffset End, string? JoinUrl);

/// <summary>Reads the owner's availability and creates meetings on their calendar (Microsoft Graph).</summary>
public interface ICalendarWriter
{
    Task<OwnerProfile> GetOwnerAsync(string mailbox, CancellationToken cancellationToken);

    Task<IReadOnlyList<BusyInterval>> GetBusyAsync(string mailbox, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the event. The same <see cref="NewMeeting.TransactionId"/> twice yields one event: Graph
    /// recognises the retry.
    /// </summary>
    Task<CreatedMeeting> CreateAsync(string mailbox, NewMeeting meeting, CancellationToken cancellationToken);
}
