using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Templates;
using Outreach.Functions.Http;

namespace Outreach.Functions.Invitations;

/// <summary>The body of <c>POST /api/invitations</c>; <see cref="ToRequest"/> checks it field by field.</summary>
internal sealed record SendInvitationBody
{
    public JsonField<string> Mailbox { get; init; }

    public JsonField<IReadOnlyList<string?>> Contacts { get; init; }

    public JsonField<string> Mode { get; init; }

    public JsonField<string> Template { get; init; }

    public JsonField<string> Location { get; init; }

    public JsonField<string> Start { get; init; }

    public JsonField<string> TimeZone { get; init; }

    public JsonField<int> DurationMinutes { get; init; }

    public JsonField<bool> DryRun { get; init; }

    /// <summary>The request, or the first field at fault (in this order) and why; what only the service can judge it judges.</summary>
    public (InvitationRequest? Request, string? Field, string? Problem) ToRequest()
    {
        if (Mailbox.OrDefault is not { } mailbox) return (null, "mailbox", "is required (a user principal name)");
        if (Contacts.OrDefault is not { } contacts) return (null, "contacts", "is required (a list of addresses)");
        var list = new List<string>();
        for (var index = 0; index < contacts.Count; index++)
        {
            // An item that is not a string was read as null.
            if (contacts[index] is not { } contact) return (null, $"contacts[{index}]", "must be an email address");
            list.Add(contact);
        }

        if (!InvitationModes.TryParse(Mode.OrDefault, out var mode)) return (null, "mode", "must be \"video\" or \"in-person\"");

        foreach (var (name, field) in new[] { ("template", Template), ("location", Location), ("start", Start), ("timeZone", TimeZone) })
        {
            if (field.State == JsonFieldState.OtherType) return (null, name, "must be a string");
        }

        DateTimeOffset? start = null;
        if (Start.OrDefault is { } startText)
        {
            start = InvitationStart.Parse(startText, out var startProblem);
            if (startProblem is not null) return (null, "start", startProblem);
        }

        if (DurationMinutes.State == JsonFieldState.OtherType) return (null, "durationMinutes", "must be a whole number of minutes");
        if (DryRun.State == JsonFieldState.OtherType) return (null, "dryRun", "must be true or false");

        return (new InvitationRequest(mailbox, list, mode!.Value)
        {
            Template = Template.OrDefault,
            Location = Location.OrDefault,
            Start = start,
            DurationMinutes = DurationMinutes.State == JsonFieldState.Value ? DurationMinutes.Value : null,
            TimeZone = TimeZone.OrDefault,
            DryRun = DryRun.OrDefault,
        }, null, null);
    }
}
