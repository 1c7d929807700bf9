namespace Outreach.Core.Invitations.Templates;

/// <summary>What an invitation is rendered from. Optional values may be null; templates see them as blank.</summary>
public sealed record InvitationTemplateModel
{
    public required string ContactEmail { get; init; }

    public string? ContactDisplayName { get; init; }

    /// <summary>Null: derived from <see cref="ContactDisplayName"/> (<see cref="ContactNames.FirstName"/>).</summary>
    public string? ContactFirstName { get; init; }

    /// <summary>The subject of the latest thread shared with the contact ("RE:"/"FW:" prefixes are dropped).</summary>
    public string? LatestSubject { get; init; }

    public string? OwnerName { get; init; }

    /// <summary>Plain text, possibly several lines.</summary>
    public string? OwnerSignature { get; init; }

    public required InvitationMode Mode { get; init; }

    /// <summary>Where to meet (in person); a video call may name one too (a room).</summary>
    public string? Location { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The owner's zone, Windows or IANA id: dates and times are written in it.</summary>
    public required string TimeZoneId { get; init; }
}

/// <summary>A rendered invitation: a plain-text subject (one line, at most 255 characters) and an HTML body.</summary>
public sealed record RenderedInvitation(string Subject, string Body);
