namespace Outreach.Core.Invitations.Templates;

/// <summary>
/// A named invitation: a Liquid subject (rendered as plain text) and a Liquid HTML body, for one
/// <see cref="InvitationMode"/>. The variables they may use are listed in README.md beside this file.
/// </summary>
/// <param name="IsBuiltIn">True for the shipped <c>video</c> and <c>in-person</c> templates; false for templates from configuration (including one that replaces a built-in).</param>
public sealed record InvitationTemplate(string Name, InvitationMode Mode, string Subject, string Body, bool IsBuiltIn);
