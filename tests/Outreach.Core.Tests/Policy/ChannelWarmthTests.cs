using System.Text.Json;
using Outreach.Core.Imports;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using Outreach.Core.Touchpoints;
using static Outreach.Core.Tests.Support.Build;
using static Outreach.Core.Tests.Support.Teams;

namespace Outreach.Core.Tests.Policy;

/// <summary>Issue 13: every text channel counts toward the threshold and is named; Teams video calls count as met.</summary>
public sealed class ChannelWarmthTests
{
    private const string Dana = "dana@fabrikam.com";
    private const string Sofia = "https://www.linkedin.com/in/sofia-marin-4821";

    private static ContactAssessment Assess(MailboxState state, string key, ImportedActivity? imports = null) =>
        new WarmthEvaluator(new WarmthPolicyOptions()).Evaluate(state, AsOf, null, ImportedContacts.From(imports)).Single(c => c.Email == key);

    private static void Chats(MailboxState state, params ChatMessageRecord[] messages) =>
        TeamsRecorder.ApplyChats(state, Page(messages.Select(m => new TeamsChatItem(m, null))));

    [Fact]
    public void Email_only_keeps_the_email_wording_and_counts_every_email_as_email()
    {
        var (inbox, sent) = WarmThread(Dana);

        var contact = Assess(Mailbox(inbox, sent), Dana);

        Assert.Contains("3 emails in 180 days, 2 from them", contact.Reasons);
        Assert.Equal(new ChannelCounts(3, 0, 0), contact.Channels);
        Assert.Null(contact.LinkedinUrl);
        Assert.False(contact.IsLinkedInOnly);
    }

    [Fact]
    public void Emails_Teams_chats_and_LinkedIn_messages_are_counted_together_and_named()
    {
        var state = Mailbox(
            [Received(Dana, 30, "t"), Received(Dana, 20, "t"), Received(Dana, 10, "t")],
            [Sent(Dana, 25, "t"), Sent(Dana, 15, "t")]);
        Chats(state, Chat("c1", Owner, 9, [Dana]), Chat("c1", Dana, 8, [Dana]), Chat("c1", Owner, 4, [Dana]));
        var imports = LinkedIn(Dana, Dana, "https://www.linkedin.com/in/dana", (2, TextDirection.Received));

        var contact = Assess(state, Dana, imports);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("9 messages in 180 days: 5 emails, 3 Teams chats, 1 LinkedIn; 5 from them", contact.Reasons);
        Assert.Equal(new ChannelCounts(5, 3, 1), contact.Channels);
        Assert.Equal((4, 5), (contact.Sent, contact.Received));
        Assert.Contains("last 2 days ago", contact.Reasons);
        Assert.Equal("https://www.linkedin.com/in/dana", contact.LinkedinUrl);
        Assert.False(contact.IsLinkedInOnly);
    }

    [Fact]
    public void A_Teams_chat_brings_two_emails_over_the_threshold()
    {
        var state = Mailbox([Received(Dana, 10)], [Sent(Dana, 5)]);
        Assert.Equal(ContactStatus.BelowThreshold, Assess(state, Dana).Status);

        Chats(state, Chat("c1", Dana, 3, [Dana]));

        var contact = Assess(state, Dana);
        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("3 messages in 180 days: 2 emails, 1 Teams chat; 2 from them", contact.Reasons);
    }

    [Fact]
    public void Shortfalls_say_messages_once_another_channel_counts()
    {
        var state = MailboxState.Create(Owner);
        state.OwnerAddresses.Add(Owner);
        Chats(state, Chat("c1", Owner, 10, [Dana]), Chat("c1", Owner, 5, [Dana]));

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.BelowThreshold, contact.Status);
        Assert.Contains("only 2 messages in 180 days (3 needed)", contact.Reasons);
        Assert.Contains("no reply from them in 180 days (2 messages from you)", contact.Reasons);
    }

    [Fact]
    public void A_LinkedIn_only_contact_is_assessed_and_flagged_with_its_profile_and_no_email()
    {
        var imports = LinkedIn(Sofia, null, Sofia, (30, TextDirection.Sent), (20, TextDirection.Received), (6, TextDirection.Sent));

        var contact = Assess(Mailbox(), Sofia, imports);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.True(contact.IsLinkedInOnly);
        Assert.Equal(Sofia, contact.LinkedinUrl);
        Assert.Equal("From LinkedIn", contact.DisplayName);
        Assert.Equal(new ChannelCounts(0, 0, 3), contact.Channels);
        Assert.Contains("3 messages in 180 days: 3 LinkedIn; 1 from them", contact.Reasons);
        var report = ContactReport.From(contact);
        Assert.Null(report.Email);
        Assert.Equal(Sofia, report.LinkedinUrl);
    }

    [Fact]
    public void The_published_JSON_carries_channels_linkedinUrl_and_a_null_email_for_LinkedIn_only_contacts()
    {
        var imports = LinkedIn(Sofia, null, Sofia, (30, TextDirection.Sent), (20, TextDirection.Received), (6, TextDirection.Sent));
        var (inbox, sent) = WarmThread(Dana);
        var contacts = new WarmthEvaluator(new WarmthPolicyOptions()).Evaluate(Mailbox(inbox, sent), AsOf, null, ImportedContacts.From(imports));

        var json = JsonSerializer.Serialize(new ScanReport(Owner, AsOf, [.. contacts.Select(ContactReport.From)]), ReportJsonContext.Default.ScanReport);

        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.GetProperty("contacts").EnumerateArray().ToList();
        var sofia = rows.Single(r => r.GetProperty("linkedinUrl").ValueKind == JsonValueKind.String);
        Assert.Equal(JsonValueKind.Null, sofia.GetProperty("email").ValueKind);
        Assert.Equal(Sofia, sofia.GetProperty("linkedinUrl").GetString());
        Assert.Equal(3, sofia.GetProperty("channels").GetProperty("linkedin").GetInt32());
        var dana = rows.Single(r => r.GetProperty("email").GetString() == Dana);
        Assert.Equal(JsonValueKind.Null, dana.GetProperty("linkedinUrl").ValueKind);
        Assert.Equal(
            ["email", "teamsChat", "linkedin"],
            dana.GetProperty("channels").EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, dana.GetProperty("channels").GetProperty("email").GetInt32());
    }

    [Fact]
    public void A_Teams_video_call_counts_as_met()
    {
        var (inbox, sent) = WarmThread(Dana);
        var state = Mailbox(inbox, sent);
        TeamsRecorder.ApplyCalls(state, Page([Call(Dana, -12, video: true)]));

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.Met, contact.Status);
        Assert.StartsWith("met by video 12 days ago", contact.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_audio_only_Teams_call_is_voice_and_does_not_count_as_met()
    {
        var (inbox, sent) = WarmThread(Dana);
        var state = Mailbox(inbox, sent);
        TeamsRecorder.ApplyCalls(state, Page([Call(Dana, -12, video: false)]));

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: phone only", contact.Reasons);
    }

    [Fact]
    public void A_video_call_with_more_than_eight_people_does_not_count_as_met()
    {
        var (inbox, sent) = WarmThread(Dana);
        var state = Mailbox(inbox, sent);
        TeamsRecorder.ApplyCalls(state, Page([Call(Dana, -12, video: true, people: 9)]));

        var contact = Assess(state, Dana);

        Assert.Equal(ContactStatus.Flagged, contact.Status);
        Assert.Contains("1 meeting not counted: more than 8 participants", contact.Reasons);
    }
}
