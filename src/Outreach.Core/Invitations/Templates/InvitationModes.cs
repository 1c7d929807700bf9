using System.Diagnostics.CodeAnalysis;

namespace Outreach.Core.Invitations.Templates;

/// <summary>The wire names of <see cref="InvitationMode"/> ("video", "in-person"), as the JSON converter writes them.</summary>
public static class InvitationModes
{
    public static string Name(InvitationMode mode) => mode switch
    {
        InvitationMode.Video => "video",
        InvitationMode.InPerson => "in-person",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>"a video", "an in-person".</summary>
    public static string WithArticle(InvitationMode mode) => mode == InvitationMode.InPerson ? "an in-person" : "a video";

    /// <summary>Accepts "video" and "in-person" (also "InPerson", "in_person"), case-insensitively.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out InvitationMode? mode)
    {
        var key = value?.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
        mode = key switch
        {
            "VIDEO" => InvitationMode.Video,
            "INPERSON" => InvitationMode.InPerson,
            _ => null,
        };
        return mode is not null;
    }
}
