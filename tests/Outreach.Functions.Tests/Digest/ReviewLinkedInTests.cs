using Outreach.Core.Digest;
using Outreach.Functions.Digest;

namespace Outreach.Functions.Tests.Digest;

/// <summary>Issue 13: the review page offers "ask on LinkedIn" to a LinkedIn-only contact instead of invitation choices.</summary>
public sealed class ReviewLinkedInTests
{
    private static DigestRecord Digest(params DigestContact[] contacts) => new()
    {
        Mailbox = "avery@contoso.com", Week = new IsoWeek(2026, 10), State = DigestState.Sent, ReservedAt = DateTimeOffset.UnixEpoch,
        ExpiresAt = DateTimeOffset.UnixEpoch.AddDays(8), Contacts = contacts,
    };

    private static DigestContact LinkedInOnly(string url) =>
        new(url, "Sofia", 66, 3, 2, ["5 messages in 180 days: 5 LinkedIn; 2 from them"]) { IsLinkedInOnly = true, LinkedinUrl = url };

    [Fact]
    public void A_LinkedIn_only_contact_gets_an_encoded_profile_link_and_no_choices_while_others_keep_theirs()
    {
        var html = ReviewHtml.Form(
            Digest(new DigestContact("dana@fabrikam.com", "Dana", 70, 3, 2, ["r"]), LinkedInOnly("https://www.linkedin.com/in/sofia?a=1&b=2")),
            "?m=a", ReviewLinks.NewNonce(), "token", "csp");

        Assert.Contains("<a href=\"https://www.linkedin.com/in/sofia?a=1&amp;b=2\" rel=\"noopener noreferrer\" target=\"_blank\">ask on LinkedIn</a>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"choice-0\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"choice-1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"location-1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_URL_that_is_not_https_www_linkedin_com_is_never_a_link()
    {
        var html = ReviewHtml.Form(Digest(LinkedInOnly("javascript:alert(1)")), "?m=a", ReviewLinks.NewNonce(), "token", "csp");

        Assert.Contains("ask on LinkedIn", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(">ask on LinkedIn</a>", html, StringComparison.Ordinal);
    }
}
