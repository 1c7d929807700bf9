using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Digest;

namespace Outreach.Core.Tests.Digest;

public sealed class ReviewLinksTests
{
    private const string Key = "a-test-signing-key-of-at-least-32-characters";
    private const string OtherKey = "another-signing-key-of-at-least-32-characters";
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly IsoWeek Week = IsoWeek.Of(Now);

    private static ReviewLinks Links(string key = Key, string? previous = null, DateTimeOffset? now = null) =>
        new(Options.Create(new DigestOptions { Enabled = true, SigningKey = key, PreviousSigningKey = previous, PublicBaseUrl = "https://outreach.example.test/" }),
            new FakeTimeProvider(now ?? Now));

    private static LinkCheck Check(ReviewLinks links, ReviewLink link, string? mailbox = null, string? week = null, string? expiry = null, string? signature = null) =>
        links.Check(mailbox ?? link.Mailbox, week ?? link.Week.ToString(), expiry ?? link.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            signature ?? link.Signature, out _);

    [Fact]
    public void A_signed_link_verifies_and_names_the_mailbox_and_week()
    {
        var links = Links();
        var link = links.Sign("Avery@Contoso.com", Week, Now.AddDays(8));

        Assert.Equal(LinkCheck.Valid, links.Check("avery@contoso.com", "2026-W10", link.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), link.Signature, out var read));
        Assert.Equal("avery@contoso.com", read!.Mailbox);
        Assert.Equal(Week, read.Week);
        Assert.StartsWith("https://outreach.example.test/api/review?m=avery%40contoso.com&w=2026-W10&exp=", links.Url(link), StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_any_part_of_the_link_makes_it_tampered()
    {
        var links = Links();
        var link = links.Sign("avery@contoso.com", Week, Now.AddDays(8));

        Assert.Equal(LinkCheck.Tampered, Check(links, link, mailbox: "blake@contoso.com"));
        Assert.Equal(LinkCheck.Tampered, Check(links, link, week: "2026-W11"));
        Assert.Equal(LinkCheck.Tampered, Check(links, link, expiry: link.ExpiresAt.AddDays(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(LinkCheck.Tampered, Check(links, link, signature: link.Signature[..^2] + (link.Signature[^2] == 'A' ? "BA" : "AA")));
        Assert.Equal(LinkCheck.Tampered, Check(links, link, signature: ""));
        Assert.Equal(LinkCheck.Tampered, Check(links, link, week: "next week"));
        Assert.Equal(LinkCheck.Tampered, Check(links, link, expiry: "-5"));
        Assert.Equal(LinkCheck.Tampered, Check(Links(OtherKey), link));
    }

    [Fact]
    public void A_link_past_its_expiry_is_expired_not_tampered()
    {
        var link = Links().Sign("avery@contoso.com", Week, Now.AddDays(8));

        Assert.Equal(LinkCheck.Valid, Check(Links(now: Now.AddDays(8).AddSeconds(-1)), link));
        Assert.Equal(LinkCheck.Expired, Check(Links(now: Now.AddDays(8)), link));
    }

    [Fact]
    public void Links_signed_with_the_previous_key_still_verify_after_a_rotation()
    {
        var old = Links(OtherKey).Sign("avery@contoso.com", Week, Now.AddDays(8));

        Assert.Equal(LinkCheck.Valid, Check(Links(Key, previous: OtherKey), old));
        Assert.Equal(LinkCheck.Tampered, Check(Links(Key), old));
    }

    [Fact]
    public void A_form_token_is_bound_to_its_link_and_nonce_and_needs_the_cookie_to_repeat_the_nonce()
    {
        var links = Links();
        var link = links.Sign("avery@contoso.com", Week, Now.AddDays(8));
        var other = links.Sign("blake@contoso.com", Week, Now.AddDays(8));
        var nonce = ReviewLinks.NewNonce();
        var token = links.FormToken(link, nonce);

        Assert.True(links.CheckFormToken(link, nonce, nonce, token));
        Assert.False(links.CheckFormToken(link, nonce, null, token));
        Assert.False(links.CheckFormToken(link, nonce, ReviewLinks.NewNonce(), token));
        Assert.False(links.CheckFormToken(other, nonce, nonce, token));
        var otherNonce = ReviewLinks.NewNonce();
        Assert.False(links.CheckFormToken(link, otherNonce, otherNonce, token));
        Assert.False(links.CheckFormToken(link, nonce, nonce, links.FormToken(link, otherNonce)));
        Assert.False(Links(OtherKey).CheckFormToken(link, nonce, nonce, token));
    }

    [Theory]
    [InlineData("avery@contoso.com\n2026-W10")]
    [InlineData("ave\u0001ry@contoso.com")]
    [InlineData("ave\try@contoso.com")]
    public void Mailboxes_with_control_characters_are_neither_signed_nor_accepted(string mailbox)
    {
        var links = Links();
        var expiry = Now.AddDays(8).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A MAC made over the newline-joined fields exactly as links are signed: even a genuine one is refused.
        var payload = System.Text.Encoding.UTF8.GetBytes($"review\n{mailbox.ToLowerInvariant()}\n{Week}\n{expiry}");
        var mac = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key), payload))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Throws<ArgumentException>(() => links.Sign(mailbox, Week, Now.AddDays(8)));
        Assert.Equal(LinkCheck.Tampered, links.Check(mailbox, Week.ToString(), expiry, mac, out var link));
        Assert.Null(link);
    }

    [Fact]
    public void Only_one_spelling_of_a_signature_is_accepted()
    {
        var links = Links();
        var link = links.Sign("avery@contoso.com", Week, Now.AddDays(8));
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // 32 bytes are 43 characters: the last one carries 4 bits and 2 spare ones that decoders ignore.
        var last = Alphabet.IndexOf(link.Signature[^1], StringComparison.Ordinal);
        var respelled = link.Signature[..^1] + Alphabet[last ^ 1];
        Assert.Equal(Decode(link.Signature), Decode(respelled));

        Assert.Equal(LinkCheck.Tampered, Check(links, link, signature: respelled));
        Assert.Equal(LinkCheck.Valid, links.Check(link.Mailbox, link.Week.ToString(),
            link.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), link.Signature, out var read));
        Assert.Equal(link.Signature, read!.Signature);
    }

    private static byte[] Decode(string base64Url) => Convert.FromBase64String(base64Url.Replace('-', '+').Replace('_', '/') + "=");
}
