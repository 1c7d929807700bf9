using System.Text.Json.Serialization;

namespace Outreach.Core.Invitations;

/// <summary>
/// Invite these contacts of this mailbox to meet. Optional values fall back to configuration or to the
/// owner's calendar: the template to the mode's built-in, the start to the first free slots, the time
/// zone to the owner's.
/// </summary>
public sealed record InvitationRequest(string Mailbox, IReadOnlyList<string> Contacts, InvitationMode Mode)
{
    public string? Template { get; init; }

    public string? Location { get; init; }

    public DateTimeOffset? Start { get; init; }

    public int? DurationMinutes { get; init; }

    public string? TimeZone { get; init; }

    public bool DryRun { get; init; }

    /// <summary>The caller's Idempotency-Key: the same key again returns the first answer.</summary>
    public string? IdempotencyKey { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<InvitationOutcome>))]
public enum InvitationOutcome
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("dry-run")] DryRun,
}

/// <summary>One contact's outcome: what was created, or why nothing was.</summary>
public sealed record InvitationResult(string Contact, InvitationOutcome Outcome)
{
    public string? Reason { get; init; }

    /// <summary>Why, as a stable code (skipped and failed results): branch on this, not on <see cref="Reason"/>'s words.</summary>
    public InvitationReasonCode? ReasonCode { get; init; }

    public string? EventId { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public string? JoinUrl { get; init; }

    /// <summary>The rendered subject and body (dry runs only).</summary>
    public string? Subject { get; init; }

    public string? Body { get; init; }
}

public sealed record InvitationResponse(string Mailbox, bool DryRun, IReadOnlyList<InvitationResult> Results);

/// <summary>The request itself is wrong: <see cref="Field"/> names the part at fault (HTTP 400).</summary>
public sealed class InvitationRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
