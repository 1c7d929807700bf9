using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using Outreach.Core.Invitations;
using Outreach.Graph.Mapping;
using Outreach.Graph.Reading;

namespace Outreach.Graph.Calendar;

/// <summary>
/// The invitation side of Graph: the owner's name, time zone and working hours (user profile and
/// mailboxSettings), their free/busy (calendar/getSchedule), and creating the event — whose attendee
/// Exchange then invites. Needs Calendars.ReadWrite, MailboxSettings.Read and User.ReadBasic.All.
/// </summary>
public sealed class GraphCalendarWriter(GraphServiceClient client, IOptions<GraphOptions> options) : ICalendarWriter
{
    private static readonly string[] BusyStatuses = ["busy", "oof", "tentative", "workingElsewhere"];

    public async Task<OwnerProfile> GetOwnerAsync(string mailbox, CancellationToken cancellationToken)
    {
        var user = client.Users[mailbox];
        var profile = await CallAsync(mailbox, "profile", () => user.GetAsync(r => r.QueryParameters.Select = ["displayName", "mail", "userPrincipalName"], cancellationToken));
        var settings = await CallAsync(mailbox, "mailboxSettings", () => user.MailboxSettings.GetAsync(cancellationToken: cancellationToken));
        var hours = settings?.WorkingHours;
        var days = hours?.DaysOfWeek?.OfType<DayOfWeekObject>().Select(d => (DayOfWeek)(int)d).ToList();
        return new OwnerProfile(
            mailbox,
            profile?.DisplayName,
            hours?.TimeZone?.Name ?? settings?.TimeZone ?? "UTC",
            days is { Count: > 0 } ? days : [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            hours?.StartTime is { } start ? new TimeOnly(start.Hour, start.Minute) : new TimeOnly(9, 0),
            hours?.EndTime is { } end ? new TimeOnly(end.Hour, end.Minute) : new TimeOnly(17, 0));
    }

    public async Task<IReadOnlyList<BusyInterval>> GetBusyAsync(string mailbox, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var body = new GetSchedulePostRequestBody
        {
            Schedules = [mailbox],
            StartTime = Utc(start),
            EndTime = Utc(end),
            AvailabilityViewInterval = 15,
        };
        var response = await CallAsync(mailbox, "getSchedule", () => client.Users[mailbox].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(
            body, r => r.Headers.Add("Prefer", "outlook.timezone=\"UTC\""), cancellationToken));
        return [.. (response?.Value ?? [])
            .SelectMany(s => s.ScheduleItems ?? [])
            .Where(i => i.Status is { } status && BusyStatuses.Contains(Camel(status.ToString()), StringComparer.OrdinalIgnoreCase))
            .Select(i => new BusyInterval(GraphRecordMapper.ToInstant(i.Start), GraphRecordMapper.ToInstant(i.End)))
            .OrderBy(i => i.Start)];
    }

    public async Task<CreatedMeeting> CreateAsync(string mailbox, NewMeeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var video = meeting.Mode == InvitationMode.Video;
        var ev = new Event
        {
            Subject = meeting.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = meeting.HtmlBody },
            Start = Utc(meeting.Start),
            End = Utc(meeting.End),
            OriginalStartTimeZone = meeting.TimeZone,
            OriginalEndTimeZone = meeting.TimeZone,
            Attendees =
            [
                new Attendee
                {
                    Type = AttendeeType.Required,
                    EmailAddress = new EmailAddress { Address = meeting.AttendeeAddress, Name = meeting.AttendeeName },
                },
            ],
            IsOnlineMeeting = video,
            OnlineMeetingProvider = video ? OnlineMeetingProviderType.TeamsForBusiness : null,
            Location = video ? null : new Location { DisplayName = meeting.Location, LocationType = LocationType.Default },
            AllowNewTimeProposals = true,
            ResponseRequested = true,
            ShowAs = FreeBusyStatus.Busy,
            // Graph recognises a retried POST by this id and creates no second event.
            TransactionId = meeting.TransactionId,
        };
        var created = await CallAsync(mailbox, "events", () => client.Users[mailbox].Events.PostAsync(ev, r =>
        {
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
            r.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        }, cancellationToken)) ?? throw new InvalidOperationException("Graph created the event but returned no body.");
        return new CreatedMeeting(
            created.Id ?? string.Empty,
            created.Start is null ? meeting.Start : GraphRecordMapper.ToInstant(created.Start),
            created.End is null ? meeting.End : GraphRecordMapper.ToInstant(created.End),
            created.OnlineMeeting?.JoinUrl);
    }

    private static DateTimeTimeZone Utc(DateTimeOffset value) => new()
    {
        DateTime = value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        TimeZone = "UTC",
    };

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];

    private async Task<T?> CallAsync<T>(string mailbox, string what, Func<Task<T?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (GraphErrorTranslator.IsGraphFailure(error))
        {
            throw GraphErrorTranslator.TranslateCalendarWrite(error, mailbox, what, options.Value);
        }
    }
}
