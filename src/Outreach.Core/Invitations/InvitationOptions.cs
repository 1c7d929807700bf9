using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Invitations;

/// <summary>How invitations are sent and followed up. Section "Outreach:Invitations".</summary>
public sealed class InvitationOptions
{
    public const string SectionName = "Outreach:Invitations";

    /// <summary>A contact invited within this many days is not invited again (and shows as "invited").</summary>
    [Range(1, 365)]
    public int CooldownDays { get; set; } = 30;

    /// <summary>A contact who declined is not invited again for this many days.</summary>
    [Range(1, 730)]
    public int DeclinedCooldownDays { get; set; } = 180;

    /// <summary>The most contacts one request may invite.</summary>
    [Range(1, 100)]
    public int MaxContactsPerRequest { get; set; } = 20;

    [Range(15, 120)]
    public int DefaultDurationMinutes { get; set; } = 30;

    /// <summary>Where in-person meetings happen when a request names no location (e.g. the office).</summary>
    [MaxLength(255)]
    public string? DefaultLocation { get; set; }

    /// <summary>A signature the built-in templates put under the owner's name (plain text).</summary>
    [MaxLength(500)]
    public string? OwnerSignature { get; set; }

    /// <summary>The weekly run invites the top flagged contacts itself (off by default).</summary>
    public bool AutoMode { get; set; }

    /// <summary>How many contacts auto mode invites per mailbox and week, at most.</summary>
    [Range(1, 20)]
    public int AutoModeMaxPerMailbox { get; set; } = 3;

    /// <summary>Auto mode's invitation: "video" or "in-person" (in-person needs DefaultLocation).</summary>
    public InvitationMode AutoModeMode { get; set; } = InvitationMode.Video;
}
