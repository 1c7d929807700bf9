using Outreach.Core.Contacts;

namespace Outreach.Core.Tests.Contacts;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("dana@fabrikam.com", true)]
    [InlineData(" Dana.W@Fabrikam.co.uk ", true)]
    [InlineData("dana@fabrikam", false)]
    [InlineData("dana@@fabrikam.com", false)]
    [InlineData("dana fabrikam.com", false)]
    [InlineData("", false)]
    [InlineData("@fabrikam.com", false)]
    public void Validity(string address, bool expected) => Assert.Equal(expected, EmailAddresses.IsValid(address));

    [Fact]
    public void Redaction_keeps_the_domain_and_hides_the_person()
    {
        Assert.Equal("d…d@fabrikam.com", EmailAddresses.Redact("Dana.Reed@Fabrikam.com"));
        Assert.DoesNotContain("ana.ree", EmailAddresses.Redact("dana.reed@fabrikam.com"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eu.contoso.com", "contoso.com", true)]
    [InlineData("contoso.com", "contoso.com", true)]
    [InlineData("notcontoso.com", "contoso.com", false)]
    public void Subdomains(string domain, string parent, bool expected) =>
        Assert.Equal(expected, EmailAddresses.IsSameOrSubdomain(domain, parent));
}
