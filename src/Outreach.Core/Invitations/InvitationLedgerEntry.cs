using System.Text.Json.Serialization;

namespace Outreach.Core.Invitations;

[JsonConverter(typeof(JsonStringEnumConverter<InvitationStatus>))]
public enum InvitationStatus
{
    /// <summary>Reserved before the Graph call; a retry finishes it with the same transaction id.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("declined")] Declined,
    [JsonStringEnumMemberName("no-response")] NoResponse,
}

/// <summary>
/// One invitation of one contact by one mailbox: the record that makes sending idempotent (a row is
/// reserved with a conditional insert before the event is created) and that follow-ups read.
/// </summary>
public sealed record InvitationLedgerEntry
{
    public required string Mailbox { get; init; }

    /// <summary>The contact's normalized address.</summary>
    public required string Contact { get; init; }

    public required InvitationStatus Status { get; init; }

    public required InvitationMode Mode { get; init; }

    /// <summary>Deterministic Graph transactionId: the same invitation always carries the same one.</summary>
    public required string TransactionId { get; init; }

    public required DateTimeOffset ReservedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public string? EventId { get; init; }

    public string? JoinUrl { get; init; }

    /// <summary>The caller's Idempotency-Key, when one was given.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>When the contact's answer was last read from the event.</summary>
    public DateTimeOffset? RespondedAt { get; init; }

    [JsonIgnore]
    public string? ETag { get; init; }
}
