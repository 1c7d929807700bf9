using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.State;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Invitations;

/// <summary>
/// Invitations skip exactly whom the one <see cref="ContactEligibility"/> decision excludes, with its wire
/// code: real services on Azurite and the loopback Graph server.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class InvitationEligibilityTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    [Fact]
    public async Task Invitations_skip_whom_the_eligibility_decision_excludes_with_its_reason_code()
    {
        var owner = Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        harness.Graph.Mailbox(owner).SetProfile("Avery Quinn");
        var state = MailboxState.Create(owner);
        state.OwnerAddresses.Add(owner);
        state.OwnerAddresses.Add("avery@second-office.example");
        await harness.Get<IMailboxStateStore>().SaveAsync(state, Cancel);
        await harness.Get<ISuppressionList>().AddAsync(owner, "kim@fabrikam.com", null, Cancel);
        var service = harness.Get<InvitationService>();
        await service.SendAsync(new InvitationRequest(owner, ["lee@fabrikam.com"], InvitationMode.Video), Cancel);
        string[] contacts = ["kim@fabrikam.com", "sam@second-office.example", "avery@second-office.example", "noreply@fabrikam.com", "lee@fabrikam.com", "dana@fabrikam.com"];

        var response = await service.SendAsync(new InvitationRequest(owner, contacts, InvitationMode.Video) { DryRun = true }, Cancel);
        var eligibility = await harness.Get<ContactEligibility>().ForMailboxAsync(owner, PipelineHarness.AsOf, Cancel);

        Assert.Equal(
            [EligibilityReason.DoNotContact, EligibilityReason.Internal, EligibilityReason.OwnerAddress, EligibilityReason.Automated, EligibilityReason.Cooldown, EligibilityReason.Eligible],
            contacts.Select(c => eligibility.Check(c).Reason));
        Assert.Equal(contacts.Select(c => eligibility.Check(c).ReasonCode), response.Results.Select(r => r.ReasonCode));
        Assert.Equal(InvitationOutcome.DryRun, response.Results[^1].Outcome);
        Assert.Equal(
            ["on the do-not-contact list", "not an external contact", "not an external contact", "not a person (automated address)"],
            response.Results.Take(4).Select(r => r.Reason));
    }
}
