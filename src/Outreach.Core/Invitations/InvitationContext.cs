using Outreach.Core.Invitations.Templates;
using Outreach.Core.State;

namespace Outreach.Core.Invitations;

/// <summary>
/// What every invitation of one request shares once the request is validated and the owner read: one
/// value handed to each contact's invitation instead of the same eight arguments on every call.
/// </summary>
internal sealed record InvitationContext(
    string Mailbox,
    InvitationRequest Request,
    InvitationTemplate Template,
    string? Location,
    string Zone,
    OwnerProfile Owner,
    MailboxState? State,
    DateTimeOffset Now);
