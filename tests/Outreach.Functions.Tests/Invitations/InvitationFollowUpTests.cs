using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Functions.Invitations;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Invitations;

/// <summary>Invitations as the weekly pipeline sees them: auto mode, answers read back, the do-not-contact API.</summary>
[Collection(QueueCollection.Name)]
public sealed class InvitationFollowUpTests
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static async Task<ContactStatus> StatusAsync(PipelineHarness harness, string mailbox, string contact) =>
        (await harness.Get<IContactResultStore>().ListAsync(mailbox, null, TestContext.Current.CancellationToken)).Single(c => c.Email == contact).Status;

    [Fact]
    public async Task Auto_mode_invites_the_top_flagged_contacts_up_to_its_cap_once_per_scan()
    {
        var owner = Unique("jules");
        await using var harness = await PipelineHarness.StartAsync([owner], new()
        {
            ["Outreach:Invitations:AutoMode"] = "true",
            ["Outreach:Invitations:AutoModeMaxPerMailbox"] = "1",
        });
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);

        await harness.RunWeeklyAsync();
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        var posted = harness.Graph.Mailbox(owner).PostedEvents;

        var invited = Assert.Single(posted)["attendees"]![0]!["emailAddress"]!["address"]!.GetValue<string>();
        Assert.Contains(invited, SmallMailbox.Flagged);

        // The next week: the invited contact shows as invited; the cap still holds for the rest.
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ContactStatus.Invited, await StatusAsync(harness, owner, invited));
        Assert.Equal(2, harness.Graph.Mailbox(owner).CreatedEventCount);
    }

    [Fact]
    public async Task A_declined_invitation_is_read_on_the_next_harvest_and_blocks_another()
    {
        var owner = Unique("kira");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        var contact = SmallMailbox.Flagged.First();
        var (_, sent) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["{{contact}}"],"mode":"video"}""");
        var eventId = sent.GetProperty("results")[0].GetProperty("eventId").GetString()!;

        harness.Graph.Mailbox(owner).SetAttendeeResponse(eventId, contact, "declined");
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(TestContext.Current.CancellationToken);

        var entry = await harness.Get<IInvitationLedger>().GetAsync(owner, contact, TestContext.Current.CancellationToken);
        Assert.Equal(InvitationStatus.Declined, entry!.Status);
        Assert.Equal(ContactStatus.Flagged, await StatusAsync(harness, owner, contact));
        var (_, again) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["{{contact}}"],"mode":"video"}""");
        Assert.StartsWith("declined an invitation", again.GetProperty("results")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_invitation_makes_the_contact_scheduled()
    {
        var owner = Unique("lena");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        var contact = SmallMailbox.Flagged.First();
        var (_, sent) = await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["{{contact}}"],"mode":"video"}""");

        harness.Graph.Mailbox(owner).SetAttendeeResponse(sent.GetProperty("results")[0].GetProperty("eventId").GetString()!, contact, "accepted");
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ContactStatus.Scheduled, await StatusAsync(harness, owner, contact));
        Assert.Equal(InvitationStatus.Accepted, (await harness.Get<IInvitationLedger>().GetAsync(owner, contact, TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task Suppressions_are_added_and_removed_over_http_and_excluded_from_scans()
    {
        var owner = Unique("milo");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        var contact = SmallMailbox.Flagged.First();

        var add = await harness.Get<AddSuppressionFunction>().RunAsync(
            ActionResults.Request($$"""{"mailbox":"{{owner}}","entry":"{{contact.ToUpperInvariant()}}","reason":"asked not to"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(201, (await ActionResults.ExecuteAsync(add)).Status);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ContactStatus.Excluded, await StatusAsync(harness, owner, contact));

        var remove = await harness.Get<RemoveSuppressionFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, contact, TestContext.Current.CancellationToken);
        Assert.Equal(204, (await ActionResults.ExecuteAsync(remove)).Status);
        var again = await harness.Get<RemoveSuppressionFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, contact, TestContext.Current.CancellationToken);
        Assert.Equal(404, (await ActionResults.ExecuteAsync(again)).Status);
        var bad = await harness.Get<AddSuppressionFunction>().RunAsync(ActionResults.Request($$"""{"mailbox":"{{owner}}","entry":"not an address"}"""), TestContext.Current.CancellationToken);
        Assert.True((await ActionResults.JsonAsync(bad)).GetProperty("errors").TryGetProperty("entry", out _));
    }

    [Fact]
    public async Task Templates_are_listed()
    {
        await using var harness = await PipelineHarness.StartAsync([]);

        var json = await ActionResults.JsonAsync(harness.Get<ListTemplatesFunction>().Run(ActionResults.Request(method: "GET")));

        var names = json.GetProperty("templates").EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("mode").GetString())).ToList();
        Assert.Contains(("video", "video"), names);
        Assert.Contains(("in-person", "in-person"), names);
    }
}
