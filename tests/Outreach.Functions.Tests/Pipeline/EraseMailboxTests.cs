using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Core.State;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Pipeline;

[Collection(QueueCollection.Name)]
public sealed class EraseMailboxTests
{
    [Fact]
    public async Task Erasing_a_mailbox_removes_everything_held_for_it_and_nothing_else()
    {
        var owner = $"nora-{Guid.NewGuid():N}"[..13] + "@northwind-labs.com";
        var other = $"otto-{Guid.NewGuid():N}"[..13] + "@northwind-labs.com";
        await using var harness = await PipelineHarness.StartAsync([owner, other]);
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);
        SmallMailbox.Load(harness.Graph.Mailbox(other), PipelineHarness.AsOf);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        await harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["{{SmallMailbox.Flagged.First()}}"],"mode":"video"}""");
        await harness.Get<ISuppressionList>().AddAsync(owner, "@contoso.com", null, TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        var result = await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner.ToUpperInvariant(), ct);
        var report = await ActionResults.JsonAsync(result);

        Assert.True(report.GetProperty("state").GetBoolean());
        Assert.Equal(1, report.GetProperty("scans").GetInt32());
        Assert.Equal(4, report.GetProperty("contacts").GetInt32());
        Assert.Equal(1, report.GetProperty("invitations").GetInt32());
        Assert.Equal(1, report.GetProperty("suppressions").GetInt32());
        Assert.Null(await harness.Get<IMailboxStateStore>().LoadAsync(owner, ct));
        Assert.Empty(await harness.Get<IContactResultStore>().ListAsync(owner, null, ct));
        Assert.Empty(await harness.Get<IInvitationLedger>().ListAsync(owner, ct));
        Assert.Empty(await harness.Get<ISuppressionList>().ListAsync(owner, ct));
        Assert.NotNull(await harness.Get<IMailboxStateStore>().LoadAsync(other, ct));
        Assert.NotEmpty(await harness.Get<IContactResultStore>().ListAsync(other, null, ct));

        var again = await ActionResults.JsonAsync(await harness.Get<EraseMailboxFunction>().RunAsync(ActionResults.Request(method: "DELETE"), owner, ct));
        Assert.False(again.GetProperty("state").GetBoolean());
        Assert.Equal(0, again.GetProperty("contacts").GetInt32());
    }
}
