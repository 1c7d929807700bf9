using System.Diagnostics.CodeAnalysis;
using Outreach.Core.Serialization;

namespace Outreach.Core.Invitations.Templates;

/// <summary>The wire names of <see cref="InvitationMode"/> ("video", "in-person"), as the JSON converter writes them (one source: the enum's attributes).</summary>
public static class InvitationModes
{
    public static string Name(InvitationMode mode) => WireNames<InvitationMode>.Of(mode);

    /// <summary>"a video", "an in-person".</summary>
    public static string WithArticle(InvitationMode mode) => mode == InvitationMode.InPerson ? "an in-person" : "a video";

    /// <summary>Accepts "video" and "in-person" (also "InPerson", "in_person"), case-insensitively.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out InvitationMode? mode)
    {
        // Each wire name squashed the same way as the input, so the names are still written only once.
        var key = Squash(value);
        foreach (var candidate in WireNames<InvitationMode>.Values)
        {
            if (Squash(Name(candidate)) == key)
            {
                mode = candidate;
                return true;
            }
        }

        mode = null;
        return false;
    }

    private static string? Squash(string? value) =>
        value?.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
}
