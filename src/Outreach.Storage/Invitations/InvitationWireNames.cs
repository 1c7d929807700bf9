using Outreach.Core.Invitations;
using Outreach.Core.Serialization;

namespace Outreach.Storage.Invitations;

/// <summary>How statuses and modes are written in table properties: the same names as in JSON, from the enums' attributes.</summary>
internal static class InvitationWireNames
{
    public static string Of(InvitationStatus status) => WireNames<InvitationStatus>.Of(status);

    public static string Of(InvitationMode mode) => WireNames<InvitationMode>.Of(mode);

    public static InvitationStatus ParseStatus(string? name) =>
        WireNames<InvitationStatus>.TryParse(name, out var status) ? status : throw new InvalidDataException($"Unknown invitation status '{name}' in table storage.");

    public static InvitationMode ParseMode(string? name) =>
        WireNames<InvitationMode>.TryParse(name, out var mode) ? mode : throw new InvalidDataException($"Unknown invitation mode '{name}' in table storage.");
}
