using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Policy;

public sealed class WarmthEvaluatorTests
{
    private const string Dana = "dana@fabrikam.com";

    private static ContactAssessment Assess(MailboxState state, string email, WarmthPolicyOptions? policy = null) =>
        new WarmthEvaluator(policy ?? new WarmthPolicyOptions()).Evaluate(state, AsOf).Single(c => c.Email == email);

    private static MailboxState Warm(string contact = Dana, IEnumerable<CalendarEventRecord>? events = null, int latestDaysAgo = 5)
    {
        var (inbox, sent) = WarmThread(contact, latestDaysAgo);
        return Mailbox(inbox, sent, events);
    }

    // --- flagged and below-threshold -------------------------------------------------------------

    [Fact]
    public void Three_two_way_recent_emails_and_no_meeting_is_flagged()
    {
        var contact = Assess(Warm(), Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Equal((1, 2), (contact.Sent, contact.Received));
        Assert.NotNull(contact.Score);
        Assert.Contains("3 emails in 180 days, 2 from them", contact.Reasons);
        Assert.Contains("last 5 days ago", contact.Reasons);
        Assert.Contains("never met by video or in person", contact.Reasons);
    }

    [Fact]
    public void Two_emails_are_below_threshold()
    {
        var state = Mailbox([Received(Dana, 10)], [Sent(Dana, 5)]);

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.BelowThreshold, contact.Status);
        Assert.Null(contact.Score);
        Assert.Contains("only 2 emails in 180 days (3 needed)", contact.Reasons);
    }

    [Fact]
    public void Contact_who_never_replied_is_below_threshold()
    {
        var state = Mailbox(sent: [Sent(Dana, 5), Sent(Dana, 15), Sent(Dana, 25), Sent(Dana, 35)]);

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.BelowThreshold, contact.Status);
        Assert.Contains(contact.Reasons, r => r.StartsWith("no reply from them", StringComparison.Ordinal));
    }

    [Fact]
    public void Contact_the_owner_never_wrote_to_is_below_threshold()
    {
        var state = Mailbox(inbox: [Received(Dana, 5), Received(Dana, 15), Received(Dana, 25)]);

        Assert.Equal(ContactStatus.BelowThreshold, Assess(state, Dana).Status);
    }

    [Fact]
    public void One_way_text_is_flagged_when_reciprocity_is_not_required()
    {
        var state = Mailbox(inbox: [Received(Dana, 5), Received(Dana, 15), Received(Dana, 25)]);

        var contact = Assess(state, Dana, new WarmthPolicyOptions { RequireReciprocity = false });

        Assert.Equal(ContactStatus.Flagged, contact.Status);
    }

    [Theory]
    [InlineData(89, ContactStatus.Flagged)]
    [InlineData(90, ContactStatus.Flagged)]
    [InlineData(91, ContactStatus.BelowThreshold)]
    public void Latest_email_must_be_within_90_days(int latestDaysAgo, ContactStatus expected)
    {
        var state = Mailbox([Received(Dana, latestDaysAgo), Received(Dana, latestDaysAgo + 1)], [Sent(Dana, latestDaysAgo + 2)]);

        Assert.Equal(expected, Assess(state, Dana).Status);
    }

    [Fact]
    public void Emails_older_than_180_days_do_not_count()
    {
        var state = Mailbox([Received(Dana, 5), Received(Dana, 181), Received(Dana, 200)], [Sent(Dana, 10)]);

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.BelowThreshold, contact.Status);
        Assert.Equal((1, 1), (contact.Sent, contact.Received));
    }

    [Fact]
    public void Thresholds_come_from_the_policy()
    {
        var state = Mailbox([Received(Dana, 5)], [Sent(Dana, 6)]);

        var contact = Assess(state, Dana, new WarmthPolicyOptions { MinTextTouchpoints = 2 });

        Assert.Equal(ContactStatus.Flagged, contact.Status);
    }

    // --- met ---------------------------------------------------------------------------------------

    [Fact]
    public void Contact_met_by_video_is_met()
    {
        var contact = Assess(Warm(events: [Meeting(Dana, -30)]), Dana);

        Assert.Equal(ContactStatus.Met, contact.Status);
        Assert.Equal(AsOf.AddDays(-30), contact.LastMetAt);
        Assert.Contains(contact.Reasons, r => r.StartsWith("met by video 30 days ago", StringComparison.Ordinal));
    }

    [Fact]
    public void Contact_met_in_person_is_met()
    {
        var cafe = new EventLocation("Fourth Coffee, Pike St", "restaurant", null, HasAddress: true);
        var contact = Assess(Warm(events: [Meeting(Dana, -10, online: false, locations: [cafe])]), Dana);

        Assert.Equal(ContactStatus.Met, contact.Status);
        Assert.Contains(contact.Reasons, r => r.StartsWith("met in person", StringComparison.Ordinal));
    }

    [Fact]
    public void Meeting_with_no_location_and_no_link_counts_as_met()
    {
        Assert.Equal(ContactStatus.Met, Assess(Warm(events: [Meeting(Dana, -10, online: false)]), Dana).Status);
    }

    [Fact]
    public void Contact_who_organized_a_meeting_the_owner_accepted_is_met()
    {
        var meeting = Meeting(Dana, -3, contactOrganizes: true, ownerResponse: MeetingResponse.Accepted);

        Assert.Equal(ContactStatus.Met, Assess(Warm(events: [meeting]), Dana).Status);
    }

    [Fact]
    public void Contact_with_cancelled_meeting_is_still_flagged()
    {
        var contact = Assess(Warm(events: [Meeting(Dana, -10, cancelled: true)]), Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: cancelled", contact.Reasons);
    }

    [Fact]
    public void Contact_who_declined_the_meeting_is_still_flagged()
    {
        var contact = Assess(Warm(events: [Meeting(Dana, -10, contactResponse: MeetingResponse.Declined)]), Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: they declined", contact.Reasons);
    }

    [Fact]
    public void Meeting_the_owner_declined_does_not_count()
    {
        var meeting = Meeting(Dana, -10, contactOrganizes: true, ownerResponse: MeetingResponse.Declined);

        var contact = Assess(Warm(events: [meeting]), Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: you declined", contact.Reasons);
    }

    [Fact]
    public void Meeting_tentatively_accepted_or_unanswered_by_the_contact_counts()
    {
        Assert.Equal(ContactStatus.Met, Assess(Warm(events: [Meeting(Dana, -10, contactResponse: MeetingResponse.TentativelyAccepted)]), Dana).Status);
        Assert.Equal(ContactStatus.Met, Assess(Warm(events: [Meeting(Dana, -10, contactResponse: MeetingResponse.None)]), Dana).Status);
    }

    [Theory]
    [InlineData(6, ContactStatus.Met)] // owner + contact + 6 = 8 people
    [InlineData(7, ContactStatus.Flagged)] // 9 people
    public void Meetings_larger_than_8_people_do_not_count(int extraAttendees, ContactStatus expected)
    {
        Assert.Equal(expected, Assess(Warm(events: [Meeting(Dana, -10, extraAttendees: extraAttendees)]), Dana).Status);
    }

    [Fact]
    public void Rooms_are_not_counted_as_participants()
    {
        var meeting = Meeting(Dana, -10, extraAttendees: 6);
        var withRoom = meeting with
        {
            Attendees = [.. meeting.Attendees, new EventAttendee("room-3@northwind.com", "Room 3", AttendeeKind.Resource, MeetingResponse.Accepted)],
        };

        var state = Warm(events: [withRoom]);

        Assert.Equal(ContactStatus.Met, Assess(state, Dana).Status);
        Assert.DoesNotContain(new WarmthEvaluator(new()).Evaluate(state, AsOf), c => c.Email.StartsWith("room", StringComparison.Ordinal));
    }

    [Fact]
    public void Phone_only_meeting_does_not_count_by_default()
    {
        var phone = new EventLocation("tel:+1 425 555 0100", "default", null, HasAddress: false);
        var state = Warm(events: [Meeting(Dana, -10, online: false, locations: [phone])]);

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: phone only", contact.Reasons);
        Assert.Equal(ContactStatus.Met, Assess(state, Dana, new WarmthPolicyOptions { VoiceCountsAsMet = true }).Status);
    }

    [Theory]
    [InlineData(-729, ContactStatus.Met)]
    [InlineData(-731, ContactStatus.Flagged)]
    public void Meetings_older_than_730_days_do_not_count(int daysFromAsOf, ContactStatus expected)
    {
        Assert.Equal(expected, Assess(Warm(events: [Meeting(Dana, daysFromAsOf)]), Dana).Status);
    }

    [Fact]
    public void Latest_qualifying_meeting_is_reported()
    {
        var contact = Assess(Warm(events: [Meeting(Dana, -300), Meeting(Dana, -20), Meeting(Dana, -10, cancelled: true)]), Dana);

        Assert.Equal(AsOf.AddDays(-20), contact.LastMetAt);
    }

    [Fact]
    public void Met_contact_needs_no_text_at_all()
    {
        var state = Mailbox(events: [Meeting(Dana, -40)]);

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.Met, contact.Status);
        Assert.Equal((0, 0), (contact.Sent, contact.Received));
    }

    // --- scheduled ---------------------------------------------------------------------------------

    [Fact]
    public void Upcoming_meeting_within_90_days_is_scheduled()
    {
        var contact = Assess(Warm(events: [Meeting(Dana, 14)]), Dana);

        Assert.Equal(ContactStatus.Scheduled, contact.Status);
        Assert.Equal(AsOf.AddDays(14), contact.NextMeetingAt);
        Assert.Contains(contact.Reasons, r => r.StartsWith("video call scheduled in 14 days", StringComparison.Ordinal));
    }

    [Fact]
    public void Meeting_more_than_90_days_ahead_leaves_the_contact_flagged()
    {
        var contact = Assess(Warm(events: [Meeting(Dana, 120)]), Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: more than 90 days ahead", contact.Reasons);
    }

    [Fact]
    public void Met_takes_precedence_over_scheduled()
    {
        Assert.Equal(ContactStatus.Met, Assess(Warm(events: [Meeting(Dana, -30), Meeting(Dana, 14)]), Dana).Status);
    }

    [Fact]
    public void Cancelled_upcoming_meeting_is_not_scheduled()
    {
        Assert.Equal(ContactStatus.Flagged, Assess(Warm(events: [Meeting(Dana, 14, cancelled: true)]), Dana).Status);
    }

    // --- excluded ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("sam@northwind.com")]
    [InlineData("sam@uk.northwind.com")]
    public void Colleagues_on_the_mailbox_domain_are_excluded(string colleague)
    {
        var contact = Assess(Warm(colleague), colleague);

        Assert.Equal(ContactStatus.Excluded, contact.Status);
        Assert.Contains("internal (northwind.com)", contact.Reasons);
    }

    [Fact]
    public void Configured_internal_domains_are_excluded()
    {
        var policy = new WarmthPolicyOptions { InternalDomains = ["northwind.eu"] };

        Assert.Equal(ContactStatus.Excluded, Assess(Warm("lea@northwind.eu"), "lea@northwind.eu", policy).Status);
        Assert.Equal(ContactStatus.Flagged, Assess(Warm("lea@northwindish.eu"), "lea@northwindish.eu", policy).Status);
    }

    [Theory]
    [InlineData("noreply@fabrikam.com")]
    [InlineData("no-reply@fabrikam.com")]
    [InlineData("DoNotReply@fabrikam.com")]
    [InlineData("notifications+abc@github.example.com")]
    [InlineData("mailer-daemon@fabrikam.com")]
    [InlineData("postmaster@fabrikam.com")]
    public void Role_addresses_are_excluded_as_automated(string address)
    {
        var normalized = address.ToLowerInvariant();
        var contact = Assess(Warm(address), normalized);

        Assert.Equal(ContactStatus.Excluded, contact.Status);
        Assert.Contains(contact.Reasons, r => r.StartsWith("automated sender", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("List-Unsubscribe", "<mailto:unsubscribe@litware.com>")]
    [InlineData("List-Id", "<news.litware.com>")]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "list")]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated")]
    public void Senders_of_bulk_or_automatic_mail_are_excluded(string header, string value)
    {
        var marked = Received(Dana, 3, headers: [new(header, value)]);
        var (inbox, sent) = WarmThread(Dana);

        var contact = Assess(Mailbox([.. inbox, marked], sent), Dana);

        Assert.Equal(ContactStatus.Excluded, contact.Status);
        Assert.Contains(contact.Reasons, r => r.Contains(header, StringComparison.Ordinal));
    }

    [Fact]
    public void Auto_submitted_no_marks_a_person_and_is_not_excluded()
    {
        var marked = Received(Dana, 3, headers: [new("Auto-Submitted", "no")]);
        var (inbox, sent) = WarmThread(Dana);

        Assert.Equal(ContactStatus.Flagged, Assess(Mailbox([.. inbox, marked], sent), Dana).Status);
    }

    [Fact]
    public void Do_not_contact_addresses_and_domains_are_excluded()
    {
        var byAddress = new WarmthPolicyOptions { DoNotContact = ["DANA@fabrikam.com"] };
        var byDomain = new WarmthPolicyOptions { DoNotContact = ["@fabrikam.com"] };

        Assert.Equal(ContactStatus.Excluded, Assess(Warm(), Dana, byAddress).Status);
        Assert.Equal(ContactStatus.Excluded, Assess(Warm(), Dana, byDomain).Status);
        Assert.Contains("on the do-not-contact list", Assess(Warm(), Dana, byAddress).Reasons);
    }

    [Fact]
    public void Excluded_takes_precedence_over_met()
    {
        const string colleague = "sam@northwind.com";

        Assert.Equal(ContactStatus.Excluded, Assess(Warm(colleague, events: [Meeting(colleague, -5)]), colleague).Status);
    }

    // --- the owner and ranking ---------------------------------------------------------------------

    [Fact]
    public void Owner_addresses_are_never_contacts()
    {
        var toSelf = Sent(Owner, 3);
        var fromAlias = Sent(Dana, 4, from: "avery.q@northwind.com");
        var aliasToSelf = Received("avery.q@northwind.com", 2);

        var state = Mailbox([aliasToSelf], [toSelf, fromAlias]);
        var emails = new WarmthEvaluator(new()).Evaluate(state, AsOf).Select(c => c.Email).ToList();

        Assert.DoesNotContain(Owner, emails);
        Assert.DoesNotContain("avery.q@northwind.com", emails);
        Assert.Contains(Dana, emails);
    }

    [Fact]
    public void Flagged_contacts_come_first_by_score()
    {
        var (quietIn, quietOut) = WarmThread("quiet@fabrikam.com", latestDaysAgo: 60);
        var busyIn = Enumerable.Range(1, 6).Select(i => Received("busy@contoso.com", i * 3, $"b{i % 3}")).ToList();
        var busyOut = Enumerable.Range(1, 6).Select(i => Sent("busy@contoso.com", (i * 3) + 1, $"b{i % 3}")).ToList();
        var state = Mailbox([.. quietIn, .. busyIn, Received("once@adatum.com", 2)], [.. quietOut, .. busyOut]);

        var ranked = new WarmthEvaluator(new()).Evaluate(state, AsOf);

        Assert.Equal(["busy@contoso.com", "quiet@fabrikam.com", "once@adatum.com"], ranked.Select(c => c.Email));
        Assert.True(ranked[0].Score > ranked[1].Score);
    }

    [Fact]
    public void Same_state_and_moment_give_the_same_answer()
    {
        var state = Warm(events: [Meeting("x@contoso.com", -3)]);
        var evaluator = new WarmthEvaluator(new());

        Assert.Equal(
            evaluator.Evaluate(state, AsOf).Select(c => (c.Email, c.Status, c.Score)),
            evaluator.Evaluate(state, AsOf).Select(c => (c.Email, c.Status, c.Score)));
    }
}
