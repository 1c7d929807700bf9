using Outreach.Core.Contacts;
using Outreach.Core.Digest;
using Outreach.Core.Policy;
using Outreach.Core.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Policy;

/// <summary>Issue 13: a LinkedIn-only contact may be listed, never invited, and only safe profile URLs become links.</summary>
public sealed class LinkedInEligibilityTests
{
    private const string Sofia = "https://www.linkedin.com/in/sofia-marin-4821";

    private static MailboxEligibility For(params string[] doNotContact) =>
        new(new WarmthPolicyOptions(), Owner, MailboxState.Create(Owner), doNotContact, null, AsOf);

    [Theory]
    [InlineData(Sofia)]
    [InlineData("linkedin.com/in/sofia")]
    [InlineData("https://de.linkedin.com/in/sofia")]
    public void A_profile_key_is_LinkedIn_only_listed_but_refused_an_invitation_with_its_code(string key)
    {
        var answer = For().Check(key);

        Assert.Equal(EligibilityReason.LinkedInOnly, answer.Reason);
        Assert.True(answer.MayBeListed);
        Assert.False(answer.IsEligible);
        Assert.False(answer.IsExcluded);
        Assert.Equal(Outreach.Core.Invitations.InvitationReasonCode.LinkedInOnly, answer.ReasonCode);
    }

    [Theory]
    [InlineData("dana")]
    [InlineData("https://example.com/in/sofia")]
    [InlineData("https://linkedin.com.evil.example/in/sofia")]
    public void Anything_else_that_is_not_an_address_stays_not_an_address(string key)
    {
        Assert.Equal(EligibilityReason.NotAnAddress, For().Check(key).Reason);
        Assert.False(For().Check(key).MayBeListed);
    }

    [Fact]
    public void A_LinkedIn_only_contact_on_the_do_not_contact_list_is_not_listed()
    {
        var answer = For(Sofia).Check(Sofia);

        Assert.Equal(EligibilityReason.DoNotContact, answer.Reason);
        Assert.False(answer.MayBeListed);
    }

    [Theory]
    [InlineData("https://www.linkedin.com/in/sofia", "https://www.linkedin.com/in/sofia")]
    [InlineData(" https://WWW.LinkedIn.com/in/sofia?x=1 ", "https://www.linkedin.com/in/sofia?x=1")]
    [InlineData("http://www.linkedin.com/in/sofia", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("https://www.linkedin.com.evil.example/in/sofia", null)]
    [InlineData("https://user:pw@www.linkedin.com/in/sofia", null)]
    [InlineData("https://www.linkedin.com:8443/in/sofia", null)]
    [InlineData("www.linkedin.com/in/sofia", null)]
    [InlineData(null, null)]
    public void Only_https_www_linkedin_com_URLs_are_offered_as_links(string? url, string? link)
    {
        Assert.Equal(link, ProfileUrls.SafeLink(url));
    }

    [Fact]
    public void The_digest_asks_on_LinkedIn_with_an_encoded_link_instead_of_an_address()
    {
        var record = Digest(new DigestContact(Sofia, "Sofia <Marín>", 66, 3, 2, ["5 messages in 180 days: 5 LinkedIn; 2 from them"])
        {
            IsLinkedInOnly = true,
            LinkedinUrl = "https://www.linkedin.com/in/sofia?a=1&b=\"2\"",
        });

        var body = new DigestRenderer().Render(record, "Avery", "https://example.org/review").HtmlBody;

        Assert.Contains("ask on LinkedIn", body, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.linkedin.com/in/sofia?a=1&amp;b=%222%22\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(">" + Sofia + "<", body, StringComparison.Ordinal);
        Assert.Contains("Sofia &lt;Mar", body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_digest_never_links_a_profile_URL_that_is_not_LinkedIn()
    {
        var record = Digest(new DigestContact("https://www.linkedin.com/in/x", "X", 60, 3, 2, ["r"])
        {
            IsLinkedInOnly = true,
            LinkedinUrl = "javascript:alert(1)",
        });

        var body = new DigestRenderer().Render(record, "Avery", "https://example.org/review").HtmlBody;

        Assert.Contains("ask on LinkedIn", body, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", body, StringComparison.Ordinal);
    }

    [Fact]
    public void An_email_contact_is_listed_as_before_without_a_LinkedIn_line()
    {
        var body = new DigestRenderer().Render(Digest(new DigestContact("dana@fabrikam.com", "Dana", 70, 3, 2, ["r"])), null, "https://example.org/review").HtmlBody;

        Assert.Contains("dana@fabrikam.com", body, StringComparison.Ordinal);
        Assert.DoesNotContain("LinkedIn", body, StringComparison.Ordinal);
    }

    private static DigestRecord Digest(DigestContact contact) => new()
    {
        Mailbox = Owner,
        Week = IsoWeek.Of(AsOf),
        State = DigestState.Reserved,
        ReservedAt = AsOf,
        ExpiresAt = AsOf.AddDays(14),
        Contacts = [contact],
    };
}
