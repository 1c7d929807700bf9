using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Touchpoints;

public sealed class TouchpointRecorderTests
{
    [Fact]
    public void Drafts_are_ignored()
    {
        var state = Mailbox(sent: [Sent("dana@fabrikam.com", 2, draft: true)]);

        Assert.False(state.Contacts.TryGetValue("dana@fabrikam.com", out var ledger) && ledger.Texts.Count > 0);
    }

    [Fact]
    public void To_and_Cc_each_get_a_sent_touchpoint_and_a_duplicate_counts_once()
    {
        var message = Sent("dana@fabrikam.com", 2, cc: ["lee@contoso.com", "DANA@Fabrikam.com"]);

        var state = Mailbox(sent: [message]);

        Assert.Single(state.Contacts["dana@fabrikam.com"].Texts);
        Assert.Equal(TextDirection.Sent, state.Contacts["lee@contoso.com"].Texts.Single().Direction);
    }

    [Fact]
    public void Addresses_in_any_case_are_one_contact()
    {
        var state = Mailbox([Received("Dana.Whitfield@Fabrikam.COM", 3), Received("dana.whitfield@fabrikam.com", 2)]);

        Assert.Equal(2, state.Contacts["dana.whitfield@fabrikam.com"].Texts.Count);
        Assert.Single(state.Contacts);
    }

    [Fact]
    public void Display_name_comes_from_the_most_recent_use()
    {
        var state = Mailbox([
            Received("dana@fabrikam.com", 1, name: "Dana Whitfield-Reyes"),
            Received("dana@fabrikam.com", 30, name: "Dana Whitfield"),
            Received("dana@fabrikam.com", 0, name: "dana@fabrikam.com"),
        ]);

        Assert.Equal("Dana Whitfield-Reyes", state.Contacts["dana@fabrikam.com"].DisplayName);
    }

    [Fact]
    public void The_same_message_delivered_twice_counts_once()
    {
        var message = Received("dana@fabrikam.com", 3, id: "AAMk-1");
        var state = Mailbox([message]);

        TouchpointRecorder.ApplyMail(state, MailFolderKind.Inbox, Page([message with { Subject = "Re: updated" }]));

        Assert.Single(state.Contacts["dana@fabrikam.com"].Texts);
    }

    [Fact]
    public void Removed_messages_still_count_as_having_happened()
    {
        var state = Mailbox([Received("dana@fabrikam.com", 3, id: "AAMk-2")]);

        TouchpointRecorder.ApplyMail(state, MailFolderKind.Inbox, Page<MailMessageRecord>([], ["AAMk-2"]));

        Assert.Single(state.Contacts["dana@fabrikam.com"].Texts);
    }

    [Fact]
    public void Sent_items_teach_the_owners_aliases()
    {
        var state = Mailbox(sent: [Sent("dana@fabrikam.com", 2, from: "Avery.Q@Northwind.com")]);

        Assert.Contains("avery.q@northwind.com", state.OwnerAddresses);
    }

    [Fact]
    public void Updated_event_replaces_the_old_one_and_removed_event_disappears()
    {
        var meeting = Meeting("dana@fabrikam.com", -5, id: "ev-1");
        var state = Mailbox(events: [meeting]);

        TouchpointRecorder.ApplyCalendar(state, Page([meeting with { IsCancelled = true }]));
        Assert.True(state.Meetings["ev-1"].IsCancelled);

        TouchpointRecorder.ApplyCalendar(state, Page<CalendarEventRecord>([], ["ev-1"]));
        Assert.Empty(state.Meetings);
    }

    [Fact]
    public void Rooms_are_not_participants_and_the_organizer_is_counted_once()
    {
        var meeting = Meeting("dana@fabrikam.com", -5, contactOrganizes: true, ownerResponse: MeetingResponse.Accepted);
        var withExtras = meeting with
        {
            Attendees =
            [
                .. meeting.Attendees,
                new EventAttendee("conf-3@northwind.com", "Conf 3", AttendeeKind.Resource, MeetingResponse.Accepted),
                new EventAttendee("Dana@Fabrikam.com", "Dana", AttendeeKind.Required, MeetingResponse.Accepted),
            ],
        };

        var record = TouchpointRecorder.ToMeeting(withExtras);

        Assert.Equal(2, record.ParticipantCount);
        Assert.True(record.Participants.Single(p => p.Address == "dana@fabrikam.com").IsOrganizer);
    }
}
