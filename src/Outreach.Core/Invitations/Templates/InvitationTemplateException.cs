namespace Outreach.Core.Invitations.Templates;

/// <summary>
/// The request named a template that does not exist, or one made for the other mode. The HTTP layer
/// answers 400 naming <see cref="Field"/> ("template").
/// </summary>
public sealed class InvitationTemplateException(string templateName, string message) : Exception(message)
{
    /// <summary>The request field at fault.</summary>
    public string Field => "template";

    public string TemplateName { get; } = templateName;
}
