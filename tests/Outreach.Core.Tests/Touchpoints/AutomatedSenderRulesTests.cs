using Outreach.Core.Policy;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Tests.Touchpoints;

public sealed class AutomatedSenderRulesTests
{
    private static string? Reason(string name, string value) => AutomatedSenderRules.ReasonFromHeaders([new(name, value)]);

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", "Auto-Submitted: auto-replied")]
    [InlineData("auto-submitted", "Auto-Generated; type=x", "Auto-Submitted: auto-generated")]
    [InlineData("List-Unsubscribe", "<https://x.example/u>", "List-Unsubscribe header")]
    [InlineData("Precedence", " Bulk ", "Precedence: bulk")]
    [InlineData("Precedence", "junk", "Precedence: junk")]
    public void Machine_headers_give_a_reason(string name, string value, string expected) =>
        Assert.Equal(expected, Reason(name, value));

    [Theory]
    [InlineData("Auto-Submitted", "no")]
    [InlineData("Auto-Submitted", "No")]
    [InlineData("Precedence", "first-class")]
    [InlineData("X-Mailer", "Outlook")]
    public void Person_headers_give_none(string name, string value) => Assert.Null(Reason(name, value));

    [Theory]
    [InlineData("noreply@x.com", true)]
    [InlineData("noreply+123@x.com", true)]
    [InlineData("noreplyjane@x.com", false)]
    [InlineData("jane.noreply@x.com", false)]
    [InlineData("postmaster@x.com", true)]
    public void Role_local_parts_are_matched_whole(string address, bool expected) =>
        Assert.Equal(expected, AutomatedSenderRules.IsAutomatedLocalPart(address, new WarmthPolicyOptions().AutomatedLocalParts));
}
