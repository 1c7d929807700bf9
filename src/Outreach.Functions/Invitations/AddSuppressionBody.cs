using Outreach.Functions.Http;

namespace Outreach.Functions.Invitations;

/// <summary>The body of <c>POST /api/suppressions</c>: <c>{"mailbox", "entry", "reason"?}</c>. A field of another type reads as missing.</summary>
internal sealed record AddSuppressionBody
{
    public JsonField<string> Mailbox { get; init; }

    public JsonField<string> Entry { get; init; }

    public JsonField<string> Reason { get; init; }
}
