using System.Text.Json.Serialization;

namespace Outreach.Core.Digest;

[JsonConverter(typeof(JsonStringEnumConverter<DigestState>))]
public enum DigestState
{
    /// <summary>Reserved before sendMail: a digest in this state may or may not have gone out, and is never sent again.</summary>
    [JsonStringEnumMemberName("reserved")] Reserved,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// One contact as a digest listed it: what the review page shows, frozen at sending time. <see cref="Email"/> is the
/// contact's key: for a LinkedIn-only contact (issue 13) its profile URL, offered as "ask on LinkedIn" instead of an invitation.
/// </summary>
public sealed record DigestContact(string Email, string? DisplayName, double? Score, int Sent, int Received, IReadOnlyList<string> Reasons)
{
    /// <summary>No address: no invitation; the digest and the review page link to <see cref="LinkedinUrl"/> instead.</summary>
    public bool IsLinkedInOnly { get; init; }

    /// <summary>The profile as a link, only when it is an https://www.linkedin.com/ URL (<see cref="Contacts.ProfileUrls.SafeLink"/>).</summary>
    public string? LinkedinUrl { get; init; }
}

/// <summary>
/// The digest of one mailbox for one ISO week: reserved with a conditional insert before the mail is sent,
/// so a mailbox never gets two in a week, and the contacts it listed (the review page's rows).
/// </summary>
public sealed record DigestRecord
{
    public required string Mailbox { get; init; }

    public required IsoWeek Week { get; init; }

    public required DigestState State { get; init; }

    public required DateTimeOffset ReservedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When the review link stops working.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public required IReadOnlyList<DigestContact> Contacts { get; init; }

    public string? FailureReason { get; init; }

    [JsonIgnore]
    public string? ETag { get; init; }
}
