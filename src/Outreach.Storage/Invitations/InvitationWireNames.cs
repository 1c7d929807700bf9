using Outreach.Core.Invitations;

namespace Outreach.Storage.Invitations;

/// <summary>How statuses and modes are written in table properties: the same names as in JSON.</summary>
internal static class InvitationWireNames
{
    public static string Of(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => "pending",
        InvitationStatus.Sent => "sent",
        InvitationStatus.Accepted => "accepted",
        InvitationStatus.Declined => "declined",
        InvitationStatus.NoResponse => "no-response",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an invitation status."),
    };

    public static string Of(InvitationMode mode) => mode switch
    {
        InvitationMode.Video => "video",
        InvitationMode.InPerson => "in-person",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an invitation mode."),
    };

    public static InvitationStatus ParseStatus(string? name) => name switch
    {
        "pending" => InvitationStatus.Pending,
        "sent" => InvitationStatus.Sent,
        "accepted" => InvitationStatus.Accepted,
        "declined" => InvitationStatus.Declined,
        "no-response" => InvitationStatus.NoResponse,
        _ => throw new InvalidDataException($"Unknown invitation status '{name}' in table storage."),
    };

    public static InvitationMode ParseMode(string? name) => name switch
    {
        "video" => InvitationMode.Video,
        "in-person" => InvitationMode.InPerson,
        _ => throw new InvalidDataException($"Unknown invitation mode '{name}' in table storage."),
    };
}
