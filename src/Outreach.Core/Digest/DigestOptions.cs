using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Digest;

/// <summary>The weekly digest and its review page. Section "Outreach:Digest".</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Outreach:Digest";

    /// <summary>The shortest signing key accepted: 32 characters (256 bits of a random key in base64 is 44).</summary>
    public const int MinSigningKeyLength = 32;

    /// <summary>Send a digest after each weekly scan (needs <see cref="SigningKey"/> and <see cref="PublicBaseUrl"/>).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many contacts one digest lists, at most (the best scores first).</summary>
    [Range(1, 20)]
    public int TopN { get; set; } = 10;

    /// <summary>How long a digest's review link works.</summary>
    [Range(1, 31)]
    public int ReviewLinkValidityDays { get; set; } = 8;

    /// <summary>"Not now" keeps a contact out of digests for this many days.</summary>
    [Range(1, 365)]
    public int SnoozeDays { get; set; } = 28;

    /// <summary>The app's public address, e.g. https://outreach-func.azurewebsites.net: links are built on it.</summary>
    [MaxLength(500)]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The HMAC key of review links and form tokens (a Key Vault reference in Azure). Never logged.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The key before the last rotation: links it signed keep working until they expire.</summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>Never printed: options can end up in logs and exception messages.</summary>
    public override string ToString() => $"DigestOptions(Enabled={Enabled}, TopN={TopN}, SigningKey=***)";
}
