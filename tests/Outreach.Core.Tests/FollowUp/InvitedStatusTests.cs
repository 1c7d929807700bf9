using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Outreach.Core.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.FollowUp;

/// <summary>The scan's "invited" status and the follow-up that reads answers from the calendar.</summary>
public sealed class InvitedStatusTests
{
    private const string Dana = "dana@fabrikam.com";

    private static InvitationLedgerEntry Entry(InvitationStatus status, int daysAgo, string? eventId = null) => new()
    {
        Mailbox = Owner, Contact = Dana, Status = status, Mode = InvitationMode.Video, TransactionId = "tx",
        ReservedAt = AsOf.AddDays(-daysAgo), SentAt = AsOf.AddDays(-daysAgo), EventId = eventId,
    };

    private static MailboxState Warm(IEnumerable<CalendarEventRecord>? events = null)
    {
        var (inbox, sent) = WarmThread(Dana);
        return Mailbox(inbox, sent, events);
    }

    private static ContactAssessment Assess(MailboxState state, params InvitationLedgerEntry[] entries) =>
        new WarmthEvaluator(new WarmthPolicyOptions()).Evaluate(state, AsOf, new InvitationHistory(entries, 30, 180)).Single(c => c.Email == Dana);

    [Fact]
    public void A_contact_invited_within_the_cooldown_is_invited()
    {
        var contact = Assess(Warm(), Entry(InvitationStatus.Sent, 10));

        Assert.Equal(ContactStatus.Invited, contact.Status);
        Assert.Contains(contact.Reasons, r => r.StartsWith("invited to a video call 10 days ago", StringComparison.Ordinal));
    }

    [Fact]
    public void After_the_cooldown_the_contact_is_flagged_again()
    {
        Assert.Equal(ContactStatus.Flagged, Assess(Warm(), Entry(InvitationStatus.Sent, 31)).Status);
    }

    [Fact]
    public void A_declined_invitation_leaves_the_contact_flagged_with_the_reason()
    {
        var contact = Assess(Warm(), Entry(InvitationStatus.Declined, 40) with { RespondedAt = AsOf.AddDays(-39) });

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains(contact.Reasons, r => r.StartsWith("declined an invitation; not invited again before", StringComparison.Ordinal));
    }

    [Fact]
    public void An_accepted_upcoming_invitation_makes_the_contact_scheduled()
    {
        var meeting = Meeting(Dana, 5, id: "ev-1");

        Assert.Equal(ContactStatus.Scheduled, Assess(Warm([meeting]), Entry(InvitationStatus.Accepted, 2, "ev-1")).Status);
    }

    [Fact]
    public void Follow_up_reads_accepted_declined_and_no_answer_from_the_calendar()
    {
        var accepted = Meeting(Dana, 5, id: "ev-a", contactResponse: MeetingResponse.Accepted);
        var declined = Meeting("lee@contoso.com", 5, id: "ev-d", contactResponse: MeetingResponse.Declined);
        var silent = Meeting("kim@adatum.com", -1, id: "ev-s", contactResponse: MeetingResponse.None);
        var state = Mailbox(events: [accepted, declined, silent]);
        var entries = new[]
        {
            Entry(InvitationStatus.Sent, 3, "ev-a"),
            Entry(InvitationStatus.Sent, 3, "ev-d") with { Contact = "lee@contoso.com" },
            Entry(InvitationStatus.Sent, 3, "ev-s") with { Contact = "kim@adatum.com" },
            Entry(InvitationStatus.Sent, 3, "ev-gone") with { Contact = "zoe@contoso.com" },
        };

        var changes = InvitationFollowUp.Changes(state, entries, AsOf).ToDictionary(e => e.Contact, e => e.Status);

        Assert.Equal(
            new Dictionary<string, InvitationStatus>
            {
                [Dana] = InvitationStatus.Accepted,
                ["lee@contoso.com"] = InvitationStatus.Declined,
                ["kim@adatum.com"] = InvitationStatus.NoResponse,
            },
            changes);
    }

    [Fact]
    public void The_event_of_an_unanswered_invitation_does_not_make_the_contact_scheduled()
    {
        var invitation = Meeting(Dana, 5, id: "ev-ours", contactResponse: MeetingResponse.None);

        var contact = Assess(Warm([invitation]), Entry(InvitationStatus.Sent, 1, "ev-ours"));

        Assert.Equal(ContactStatus.Invited, contact.Status);
    }

    [Fact]
    public void A_held_invitation_the_contact_never_answered_does_not_count_as_met()
    {
        var invitation = Meeting(Dana, -2, id: "ev-held", contactResponse: MeetingResponse.None);

        var contact = Assess(Warm([invitation]), Entry(InvitationStatus.NoResponse, 40, "ev-held"));

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: our invitation, not accepted yet", contact.Reasons);
    }
}
