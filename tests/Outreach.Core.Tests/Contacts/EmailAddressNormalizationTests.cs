using Outreach.Core.Contacts;

namespace Outreach.Core.Tests.Contacts;

/// <summary>
/// The one-pass <see cref="EmailAddresses.TryNormalize"/> (and the span-based <see cref="EmailAddresses.IsValid"/>)
/// must answer exactly what the original two steps did: a string Trim, the old validity rules, ToLowerInvariant —
/// with the two limits issue 12 added on top (RFC 5321 lengths, no control characters or line separators).
/// </summary>
public sealed class EmailAddressNormalizationTests
{
    public static TheoryData<string?> Tricky() => new(
    [
        (string?)null, "", " ", "\t\n", "dana@fabrikam.com", "Dana@Fabrikam.COM", " dana@fabrikam.com", "dana@fabrikam.com\t",
        "\u00A0dana@fabrikam.com\u2003", "\u0085DANA@FABRIKAM.COM", "İlker@örnek.com", "straße@fabrikam.de", "STRASSE@FABRIKAM.DE",
        "ΣΟΦΙΑ@fabrikam.gr", "dana@fabrikam", "dana@fabrikam.", "dana@fabrikam.com.", "dana@.com", "dana@x.co", "dana@x.c",
        "d@x.io", "@fabrikam.com", "dana@@fabrikam.com", "da@na@fabrikam.com", "dana fabrikam@x.com", "dana@fab rikam.com",
        " dana@fabrikam.com . ", "dana@f.b.c", "\u001Fdana@fabrikam.com", "dana@fabrikam.com\u001F", "Ω@Ω.ΩΩ", "a@b.cd", "a@bc.d",
        "ÅSA@ÄRLIG.SE", "dana@fabrikam.com\u200B", "\u212Aelvin@fabrikam.com",
        "da\tna@fabrikam.com", "dana@fabri\nkam.com", "da\0na@fabrikam.com", "da\u007Fna@fabrikam.com", "da\u0085na@fabrikam.com",
        "dana@fabrikam\u2028.com", "dana@fabrikam.c\u2029om", "dana\u00A0reed@fabrikam.com",
        new string('a', 64) + "@fabrikam.com", new string('a', 65) + "@fabrikam.com", new string('é', 32) + "@fabrikam.com",
        new string('é', 33) + "@fabrikam.com", "dana@" + new string('f', 245) + ".com", "dana@" + new string('f', 246) + ".com",
        " dana@" + new string('f', 245) + ".com\t", "dana@" + new string('ö', 120) + ".com", "dana@" + new string('ö', 123) + ".com",
        new string('a', 40_000) + "@fabrikam.com",
    ]);

    [Theory]
    [MemberData(nameof(Tricky))]
    public void TryNormalize_answers_what_IsValid_then_Trim_ToLowerInvariant_answered(string? address)
    {
        var expectedValid = ReferenceIsValid(address);

        var valid = EmailAddresses.TryNormalize(address, out var normalized);

        Assert.Equal(expectedValid, valid);
        Assert.Equal(expectedValid, EmailAddresses.IsValid(address));
        Assert.Equal(expectedValid ? address!.Trim().ToLowerInvariant() : null, normalized);
    }

    [Fact]
    public void An_address_already_plain_comes_back_as_the_same_instance()
    {
        var address = string.Concat("dana", "@fabrikam.com");

        Assert.True(EmailAddresses.TryNormalize(address, out var normalized));

        Assert.Same(address, normalized);
    }

    [Fact]
    public void Mixed_case_with_whitespace_is_lower_cased_and_trimmed()
    {
        Assert.True(EmailAddresses.TryNormalize("  Dana.Reed@Fabrikam.COM\t", out var normalized));

        Assert.Equal("dana.reed@fabrikam.com", normalized);
    }

    // Issue 12: the old rules, plus RFC 5321's octet limits (254 for the address, 64 before the @) and nothing
    // at or below a space, no DEL, NEL, LINE or PARAGRAPH SEPARATOR anywhere in the trimmed address.
    private static bool ReferenceIsValid(string? address)
    {
        if (!OldIsValid(address)) return false;
        var trimmed = address!.Trim();
        return System.Text.Encoding.UTF8.GetByteCount(trimmed) <= 254
            && System.Text.Encoding.UTF8.GetByteCount(trimmed[..trimmed.LastIndexOf('@')]) <= 64
            && !trimmed.Any(c => c <= ' ' || c is '\u007F' or '\u0085' or '\u2028' or '\u2029');
    }

    // The rules as they were before the one-pass version, kept verbatim as the reference.
    private static bool OldIsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return false;
        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        return at > 0
            && at < trimmed.Length - 3
            && trimmed.IndexOf('@') == at
            && !trimmed.Contains(' ', StringComparison.Ordinal)
            && trimmed.IndexOf('.', at) > at + 1
            && !trimmed.EndsWith('.');
    }
}
