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

    [Theory]
    [InlineData("da\tna@fabrikam.com")]
    [InlineData("dana@fabri\nkam.com")]
    [InlineData("da\0na@fabrikam.com")]
    [InlineData("da\u007Fna@fabrikam.com")]
    [InlineData("dana@fabrikam\u2028.com")]
    [InlineData("dana\u2029@fabrikam.com")]
    [InlineData("da\u0085na@fabrikam.com")]
    public void Control_characters_and_line_separators_inside_an_address_are_refused(string address)
    {
        Assert.False(EmailAddresses.IsValid(address));
        Assert.False(EmailAddresses.TryNormalize(address, out _));
    }

    [Fact]
    public void An_address_is_valid_up_to_the_RFC_5321_lengths_and_not_beyond()
    {
        var longestLocal = new string('a', EmailAddresses.MaxLocalPartLength) + "@fabrikam.com";
        var longestAddress = "dana@" + new string('f', EmailAddresses.MaxLength - "dana@".Length - ".com".Length) + ".com";

        Assert.True(EmailAddresses.IsValid(longestLocal));
        Assert.True(EmailAddresses.IsValid(longestAddress));
        Assert.Equal(EmailAddresses.MaxLength, longestAddress.Length);
        Assert.False(EmailAddresses.IsValid("a" + longestLocal));
        Assert.False(EmailAddresses.IsValid(longestAddress.Replace("dana@", "danas@", StringComparison.Ordinal)));
        Assert.False(EmailAddresses.TryNormalize(new string('a', 40_000) + "@fabrikam.com", out _));
    }

    [Fact]
    public void The_lengths_count_UTF8_octets_not_characters()
    {
        // 'é' is two octets: 32 of them fill the 64-octet local part, 33 overflow it at 33 characters.
        Assert.True(EmailAddresses.IsValid(new string('é', 32) + "@fabrikam.com"));
        Assert.False(EmailAddresses.IsValid(new string('é', 33) + "@fabrikam.com"));
    }

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
