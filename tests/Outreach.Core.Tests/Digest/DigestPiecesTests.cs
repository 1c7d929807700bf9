using Microsoft.Extensions.Options;
using Outreach.Core.Digest;

namespace Outreach.Core.Tests.Digest;

public sealed class DigestPiecesTests
{
    [Theory]
    [InlineData("2026-03-02T09:00:00Z", "2026-W10")]
    [InlineData("2026-03-08T23:59:59Z", "2026-W10")]
    [InlineData("2026-03-09T00:00:00Z", "2026-W11")]
    [InlineData("2027-01-01T12:00:00Z", "2026-W53")]
    [InlineData("2024-12-30T12:00:00Z", "2025-W01")]
    public void The_ISO_week_of_a_moment_and_back(string at, string expected)
    {
        var week = IsoWeek.Of(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, week.ToString());
        Assert.True(IsoWeek.TryParse(expected, out var parsed));
        Assert.Equal(week, parsed);
    }

    [Theory]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026W10")]
    [InlineData("")]
    public void Weeks_that_do_not_exist_do_not_parse(string text) => Assert.False(IsoWeek.TryParse(text, out _));

    [Theory]
    [InlineData(10, 7, 59, 41)]
    [InlineData(0, 3, 0, 100)]
    [InlineData(1, 2, 33, 67)]
    [InlineData(0, 0, 0, 0)]
    public void The_channel_mix_is_whole_percent_adding_up_to_100(int sent, int received, int sentPct, int receivedPct) =>
        Assert.Equal((sentPct, receivedPct), DigestRenderer.ChannelMix(sent, received));

    [Fact]
    public void The_digest_encodes_every_value_and_has_no_script_or_svg()
    {
        var record = new DigestRecord
        {
            Mailbox = "avery@contoso.com",
            Week = new IsoWeek(2026, 10),
            State = DigestState.Reserved,
            ReservedAt = DateTimeOffset.UnixEpoch,
            ExpiresAt = DateTimeOffset.UnixEpoch.AddDays(8),
            Contacts = [new DigestContact("dana@fabrikam.com", "<script>alert(1)</script> Dana", 0.9, 3, 1, ["said \"hi\" & <b>bye</b>"])],
        };

        var rendered = new DigestRenderer().Render(record, "Avery\r\nBcc: x@y.z", "https://outreach.example.test/api/review?m=a&w=b");

        Assert.Equal("Outreach: 1 contact you have only met in text", rendered.Subject);
        Assert.DoesNotContain("<script", rendered.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bye", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Dana", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://outreach.example.test/api/review?m=a&amp;w=b\"", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("width=\"75%\"", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("width=\"25%\"", rendered.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", rendered.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\r\nBcc", rendered.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enabled_digest_needs_a_long_signing_key_and_an_https_address_and_never_shows_the_key()
    {
        var validator = new DigestOptionsValidator();
        var secret = "short-secret";

        var result = validator.Validate(null, new DigestOptions { Enabled = true, SigningKey = secret, PublicBaseUrl = "http://outreach.example.test" });

        Assert.True(result.Failed);
        Assert.Contains("Outreach:Digest:SigningKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Outreach:Digest:PublicBaseUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, new DigestOptions { SigningKey = secret }.ToString(), StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new DigestOptions { Enabled = false }).Succeeded);
        Assert.True(validator.Validate(null, new DigestOptions { Enabled = true, SigningKey = new string('k', 32), PublicBaseUrl = "https://outreach.example.test" }).Succeeded);
    }
}
