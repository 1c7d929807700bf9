using Outreach.Core.Policy;
using Outreach.Core.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Policy;

/// <summary>The scan's evaluator excludes exactly whom the one eligibility decision excludes by rule.</summary>
public sealed class WarmthEvaluatorEligibilityTests
{
    private const string Alias = "avery@northwind-labs.com";

    private static MailboxState WarmWith(params string[] contacts)
    {
        var threads = contacts.Select(c => WarmThread(c)).ToList();
        var state = Mailbox(threads.SelectMany(t => t.Inbox), threads.SelectMany(t => t.Sent));
        state.OwnerAddresses.Add(Alias);
        return state;
    }

    [Fact]
    public void Evaluator_excludes_whom_the_eligibility_snapshot_excludes_and_flags_the_rest()
    {
        var policy = new WarmthPolicyOptions { DoNotContact = ["@blocked.example"] };
        string[] contacts = ["dana@fabrikam.com", "sam@northwind-labs.com", "noreply@fabrikam.com", "kim@blocked.example", "lee@eu.northwind-labs.com"];
        var state = WarmWith(contacts);

        var assessed = new WarmthEvaluator(policy).Evaluate(state, AsOf).ToDictionary(c => c.Email);
        var eligibility = MailboxEligibility.ForState(policy, state, AsOf);

        Assert.Equal(
            [EligibilityReason.Eligible, EligibilityReason.Internal, EligibilityReason.Automated, EligibilityReason.DoNotContact, EligibilityReason.Internal],
            contacts.Select(c => eligibility.Check(c).Reason));
        Assert.All(contacts, c => Assert.Equal(eligibility.Check(c).IsExcluded, assessed[c].Status == ContactStatus.Excluded));
        Assert.Equal(ContactStatus.Flagged, assessed["dana@fabrikam.com"].Status);
        Assert.Contains("internal (northwind-labs.com)", assessed["sam@northwind-labs.com"].Reasons);
    }

    [Fact]
    public void Owner_addresses_of_the_state_are_never_assessed()
    {
        var state = WarmWith("dana@fabrikam.com", Alias);

        var assessed = new WarmthEvaluator(new WarmthPolicyOptions()).Evaluate(state, AsOf);

        Assert.Equal(EligibilityReason.OwnerAddress, MailboxEligibility.ForState(new WarmthPolicyOptions(), state, AsOf).Check(Alias).Reason);
        Assert.DoesNotContain(assessed, c => c.Email == Alias);
        Assert.Contains(assessed, c => c.Email == "dana@fabrikam.com");
    }
}
