using Outreach.Core.Imports.LinkedIn;

namespace Outreach.Core.Tests.Imports;

public sealed class ProfileUrlsTests
{
    [Theory]
    [InlineData("https://www.linkedin.com/in/dana-w", "https://www.linkedin.com/in/dana-w")]
    [InlineData("http://linkedin.com/in/Dana-W/", "https://www.linkedin.com/in/dana-w")]
    [InlineData("www.linkedin.com/in/dana-w?trk=people-guest#top", "https://www.linkedin.com/in/dana-w")]
    [InlineData("  https://uk.linkedin.com/in/dana-w/  ", "https://www.linkedin.com/in/dana-w")]
    [InlineData("https://www.linkedin.com/in/ACoAAB12xyz", "https://www.linkedin.com/in/acoaab12xyz")]
    public void Every_form_of_a_profile_becomes_one(string value, string expected)
    {
        Assert.True(ProfileUrls.TryNormalize(value, out var normalized));
        Assert.Equal(expected, normalized);
        Assert.True(ProfileUrls.IsProfileKey(normalized));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://www.linkedin.com/")]
    [InlineData("https://evil.example.com/in/dana")]
    [InlineData("https://notlinkedin.com/in/dana")]
    [InlineData("ftp://www.linkedin.com/in/dana")]
    [InlineData("dana@fabrikam.com")]
    public void What_is_not_a_linkedin_profile_is_refused(string? value)
    {
        Assert.False(ProfileUrls.TryNormalize(value, out _));
    }
}
