using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Tests.Support;

/// <summary>Short ways to make messages, events and states for rule tests.</summary>
internal static class Build
{
    public const string Owner = "avery@northwind.com";
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static int _ids;

    public static string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _ids)}";

    public static MailMessageRecord Received(string from, int daysAgo, string? conversation = null, string? name = null,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, bool draft = false, string? id = null) =>
        new(id ?? NextId("in"), conversation ?? NextId("conv"), AsOf.AddDays(-daysAgo), AsOf.AddDays(-daysAgo), draft, "Subject",
            new EmailParticipant(from, name), [new EmailParticipant(Owner, "Avery")], [], headers ?? []);

    public static MailMessageRecord Sent(string to, int daysAgo, string? conversation = null, string[]? cc = null,
        string? name = null, bool draft = false, string from = Owner, string? id = null) =>
        new(id ?? NextId("out"), conversation ?? NextId("conv"), AsOf.AddDays(-daysAgo), AsOf.AddDays(-daysAgo), draft, "Subject",
            new EmailParticipant(from, "Avery"), [new EmailParticipant(to, name)],
            [.. (cc ?? []).Select(c => new EmailParticipant(c, null))], []);

    public static CalendarEventRecord Meeting(
        string contact,
        double daysFromAsOf,
        bool online = true,
        bool cancelled = false,
        MeetingResponse contactResponse = MeetingResponse.Accepted,
        MeetingResponse ownerResponse = MeetingResponse.Organizer,
        int extraAttendees = 0,
        bool contactOrganizes = false,
        IReadOnlyList<EventLocation>? locations = null,
        string? joinUrl = null,
        string? provider = null,
        string? id = null)
    {
        var start = AsOf.AddDays(daysFromAsOf);
        var attendees = new List<EventAttendee>();
        var organizer = contactOrganizes ? new EmailParticipant(contact, "Contact") : new EmailParticipant(Owner, "Avery");
        if (contactOrganizes) attendees.Add(new EventAttendee(Owner, "Avery", AttendeeKind.Required, ownerResponse));
        else attendees.Add(new EventAttendee(contact, "Contact", AttendeeKind.Required, contactResponse));
        for (var i = 0; i < extraAttendees; i++)
        {
            attendees.Add(new EventAttendee($"guest{i}@elsewhere.org", null, AttendeeKind.Optional, MeetingResponse.Accepted));
        }

        return new CalendarEventRecord(
            id ?? NextId("ev"), null, "Catch-up", start, start.AddMinutes(30), cancelled,
            contactOrganizes && ownerResponse == MeetingResponse.Organizer ? MeetingResponse.Accepted : ownerResponse,
            organizer, attendees, online, provider ?? (online ? "teamsForBusiness" : null), joinUrl, locations ?? []);
    }

    public static MailboxState Mailbox(
        IEnumerable<MailMessageRecord>? inbox = null,
        IEnumerable<MailMessageRecord>? sent = null,
        IEnumerable<CalendarEventRecord>? events = null)
    {
        var state = MailboxState.Create(Owner);
        state.OwnerAddresses.Add(Owner);
        TouchpointRecorder.ApplyMail(state, MailFolderKind.Inbox, Page(inbox));
        TouchpointRecorder.ApplyMail(state, MailFolderKind.SentItems, Page(sent));
        TouchpointRecorder.ApplyCalendar(state, Page(events));
        return state;
    }

    public static ChangePage<T> Page<T>(IEnumerable<T>? items, IEnumerable<string>? removed = null) =>
        new([.. items ?? []], [.. removed ?? []], "cursor", IsFinal: true);

    /// <summary>A contact with enough two-way, recent text to be flagged: 2 received, 1 sent.</summary>
    public static (MailMessageRecord[] Inbox, MailMessageRecord[] Sent) WarmThread(string contact, int latestDaysAgo = 5) =>
        ([Received(contact, latestDaysAgo + 20, "t1"), Received(contact, latestDaysAgo, "t1")], [Sent(contact, latestDaysAgo + 10, "t1")]);
}
