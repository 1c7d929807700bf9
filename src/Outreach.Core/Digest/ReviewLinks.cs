using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;

namespace Outreach.Core.Digest;

public enum LinkCheck
{
    Valid,
    /// <summary>Missing or malformed parts, or a signature no configured key made.</summary>
    Tampered,
    /// <summary>Signed by us, but past its expiry.</summary>
    Expired,
}

/// <summary>The parts of a review link: whose digest, which week, until when, and the signature over them.</summary>
public sealed record ReviewLink(string Mailbox, IsoWeek Week, DateTimeOffset ExpiresAt, string Signature);

/// <summary>
/// Signs and checks review links: HMAC-SHA256 (key from configuration / Key Vault) over the mailbox, the ISO
/// week and the expiry, base64url. The signature is the link's only authorisation (no function key in
/// emails), so checks compare in constant time and accept the previous key too, for rotation. Form tokens
/// are derived from the same key, bound to the link and to a per-render nonce (double-submitted in a
/// SameSite=Strict cookie), so any instance of a scaled-out app can check them without shared state.
/// </summary>
public sealed class ReviewLinks(IOptions<DigestOptions> options, TimeProvider time)
{
    public const string RoutePath = "api/review";

    public ReviewLink Sign(string mailbox, IsoWeek week, DateTimeOffset expiresAt)
    {
        if (!IsSignable(mailbox)) throw new ArgumentException("A review link needs a valid mailbox address without spaces or control characters.", nameof(mailbox));
        var normalized = EmailAddresses.Normalize(mailbox);
        var expiry = Truncate(expiresAt);
        return new ReviewLink(normalized, week, expiry, Base64Url(Mac(Key(options.Value.SigningKey), Payload(normalized, week, expiry))));
    }

    /// <summary>{PublicBaseUrl}/api/review?m=..&amp;w=..&amp;exp=..&amp;sig=..</summary>
    public string Url(ReviewLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var baseUrl = (options.Value.PublicBaseUrl ?? "").TrimEnd('/');
        return $"{baseUrl}/{RoutePath}{Query(link)}";
    }

    public static string Query(ReviewLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return $"?m={Uri.EscapeDataString(link.Mailbox)}&w={link.Week}&exp={link.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}&sig={link.Signature}";
    }

    /// <summary>Reads and checks a link's query values; <paramref name="link"/> is set when the signature is ours (even if expired).</summary>
    public LinkCheck Check(string? mailbox, string? week, string? expiry, string? signature, out ReviewLink? link)
    {
        link = null;
        if (!IsSignable(mailbox) || !IsoWeek.TryParse(week, out var parsedWeek)
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds is < 0 or > 253402300799 || string.IsNullOrEmpty(signature) || signature.Length > 64)
        {
            return LinkCheck.Tampered;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var normalized = EmailAddresses.Normalize(mailbox!);
        if (!TryDecode(signature, out _)) return LinkCheck.Tampered;

        // Compared as text against our own encoding: base64url's spare bits would otherwise let several
        // spellings of one MAC through (and the form token and nonce cookie are bound to the spelling).
        var payload = Payload(normalized, parsedWeek, expiresAt);
        var given = Encoding.ASCII.GetBytes(signature);
        var canonical = Keys().Select(key => Base64Url(Mac(key, payload)))
            .FirstOrDefault(mac => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), given));
        if (canonical is null) return LinkCheck.Tampered;

        link = new ReviewLink(normalized, parsedWeek, expiresAt, canonical);
        return time.GetUtcNow() >= expiresAt ? LinkCheck.Expired : LinkCheck.Valid;
    }

    /// <summary>A fresh random nonce for one rendering of the form.</summary>
    public static string NewNonce() => Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>True for a value shaped like <see cref="NewNonce"/> (22 base64url characters).</summary>
    public static bool IsNonce(string? value) =>
        value is { Length: 22 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The anti-forgery token of a form: HMAC over the link's signature and the nonce.</summary>
    public string FormToken(ReviewLink link, string nonce)
    {
        ArgumentNullException.ThrowIfNull(link);
        return Base64Url(Mac(Key(options.Value.SigningKey), Encoding.UTF8.GetBytes($"form\n{link.Signature}\n{nonce}")));
    }

    /// <summary>True when the form's token was made for this link and nonce, and the cookie carries the same nonce.</summary>
    public bool CheckFormToken(ReviewLink link, string? formNonce, string? cookieNonce, string? token)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (string.IsNullOrEmpty(formNonce) || string.IsNullOrEmpty(cookieNonce) || string.IsNullOrEmpty(token) || formNonce.Length > 64) return false;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(formNonce), Encoding.UTF8.GetBytes(cookieNonce))) return false;
        if (!TryDecode(token, out var given)) return false;
        var payload = Encoding.UTF8.GetBytes($"form\n{link.Signature}\n{formNonce}");
        return Keys().Any(key => CryptographicOperations.FixedTimeEquals(Mac(key, payload), given));
    }

    private IEnumerable<byte[]> Keys()
    {
        yield return Key(options.Value.SigningKey);
        if (!string.IsNullOrEmpty(options.Value.PreviousSigningKey)) yield return Key(options.Value.PreviousSigningKey);
    }

    private static byte[] Key(string? secret) =>
        string.IsNullOrEmpty(secret) ? throw new InvalidOperationException($"{DigestOptions.SectionName}:SigningKey is not set.") : Encoding.UTF8.GetBytes(secret);

    /// <summary>
    /// The fields are joined with newlines, so the one free-text field may contain nothing at or below
    /// a space (0x20): the payload then reads back one way only. <see cref="EmailAddresses.IsValid"/> refuses
    /// exactly those (and DEL and the Unicode line separators) in every address.
    /// </summary>
    private static bool IsSignable([NotNullWhen(true)] string? mailbox) => EmailAddresses.IsValid(mailbox);

    private static byte[] Payload(string mailbox, IsoWeek week, DateTimeOffset expiresAt) =>
        Encoding.UTF8.GetBytes($"review\n{mailbox}\n{week}\n{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    private static byte[] Mac(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload);

    private static DateTimeOffset Truncate(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length > 64 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return false;
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
