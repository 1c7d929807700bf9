using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using Outreach.Core.Touchpoints;
using static Outreach.Core.Tests.Support.Build;
using static Outreach.Core.Tests.Support.Teams;

namespace Outreach.Core.Tests.Touchpoints;

/// <summary>Issue 13: Teams chat messages become Teams-chat text touchpoints; calls are kept as meetings.</summary>
public sealed class TeamsRecorderTests
{
    private static MailboxState Empty()
    {
        var state = MailboxState.Create(Owner);
        state.OwnerAddresses.Add(Owner);
        return state;
    }

    private static void Apply(MailboxState state, params ChatMessageRecord[] messages) =>
        TeamsRecorder.ApplyChats(state, Page(messages.Select(m => new TeamsChatItem(m, null))));

    private static TouchpointList Chats(MailboxState state, string contact) => state.Contacts[contact].TeamsChats!;

    [Fact]
    public void A_message_from_the_owner_is_sent_to_every_other_member_and_the_owner_is_never_a_contact()
    {
        var state = Empty();

        Apply(state, Chat("group", Owner, 2, ["dana@fabrikam.com", "lee@contoso.com"]));

        Assert.Equal(["dana@fabrikam.com", "lee@contoso.com"], state.Contacts.Keys.Order());
        Assert.Equal(TextDirection.Sent, Assert.Single(Chats(state, "dana@fabrikam.com")).Direction);
        Assert.Equal(TextDirection.Sent, Assert.Single(Chats(state, "lee@contoso.com")).Direction);
        Assert.Empty(state.Contacts["dana@fabrikam.com"].Texts);
    }

    [Fact]
    public void A_message_from_a_member_is_received_from_them_only()
    {
        var state = Empty();

        Apply(state, Chat("group", "dana@fabrikam.com", 2, ["dana@fabrikam.com", "lee@contoso.com"]));

        Assert.Equal(TextDirection.Received, Assert.Single(Chats(state, "dana@fabrikam.com")).Direction);
        Assert.False(state.Contacts.ContainsKey("lee@contoso.com"));
    }

    [Fact]
    public void The_owner_under_another_of_their_addresses_is_not_a_contact_either()
    {
        var state = Empty();
        state.OwnerAddresses.Add("avery.alias@northwind.com");

        Apply(state, Chat("c", "Avery.Alias@Northwind.com", 1, ["Dana@Fabrikam.com", "avery.alias@northwind.com"]));

        Assert.Equal(["dana@fabrikam.com"], state.Contacts.Keys);
        Assert.Equal(TextDirection.Sent, Assert.Single(Chats(state, "dana@fabrikam.com")).Direction);
    }

    [Fact]
    public void The_same_message_twice_counts_once_but_the_same_id_in_two_chats_counts_twice()
    {
        var state = Empty();
        var once = Chat("c1", "dana@fabrikam.com", 3, ["dana@fabrikam.com"], id: "1700000000000");

        Apply(state, once, once, Chat("c2", "dana@fabrikam.com", 3, ["dana@fabrikam.com"], id: "1700000000000"));

        Assert.Equal(2, Chats(state, "dana@fabrikam.com").Count);
    }

    [Fact]
    public void A_chat_of_nine_members_is_ignored()
    {
        var state = Empty();
        var others = Enumerable.Range(0, 8).Select(i => $"p{i}@fabrikam.com").ToArray();

        Apply(state, Chat("big", Owner, 1, others), Chat("big", "p0@fabrikam.com", 1, others));

        Assert.Empty(state.Contacts);
    }

    [Fact]
    public void A_system_message_without_a_sender_is_ignored()
    {
        var state = Empty();

        Apply(state, new ChatMessageRecord("m", "c", AsOf, null, [new EmailParticipant(Owner, null), new EmailParticipant("dana@fabrikam.com", null)]));

        Assert.Empty(state.Contacts);
    }

    [Fact]
    public void Calls_are_kept_apart_from_calendar_meetings_with_normalised_addresses_and_a_call_ended_message_gives_a_call()
    {
        var state = Empty();
        var call = Call("Dana@Fabrikam.com", -3, id: "call:1");

        TeamsRecorder.ApplyChats(state, Page([new TeamsChatItem(null, call)]));
        TouchpointRecorder.ApplyCalendar(state, Page<CalendarEventRecord>([], ["call:1"]));

        var kept = Assert.Single(state.Calls!.Values);
        Assert.Contains(kept.Participants, p => p.Address == "dana@fabrikam.com");
        Assert.Empty(state.Meetings);
    }
}
