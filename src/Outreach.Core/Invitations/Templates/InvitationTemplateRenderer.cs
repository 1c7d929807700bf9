using Fluid;

namespace Outreach.Core.Invitations.Templates;

/// <summary>
/// Renders an invitation. The subject is plain text: values are written as they are (no HTML entities),
/// then tags, control characters (CR, LF…) and bidirectional overrides are removed, white space is
/// collapsed, and the result is trimmed and cut to 255 characters, so no value can add a header line.
/// The body is HTML: Fluid HTML-encodes every value it writes (<see cref="LiquidTemplates.BodyEncoder"/>:
/// &lt; &gt; &amp; quotes and '+' become entities; other characters stay readable UTF-8), and the
/// <c>raw</c> filter does not exist, so no value can add markup.
/// </summary>
public sealed class InvitationTemplateRenderer
{
    public const int MaxSubjectLength = 255;

    /// <exception cref="InvitationTemplateException">The template is for the other mode.</exception>
    /// <exception cref="ArgumentException">The meeting ends before it starts, or the time zone is unknown.</exception>
    public RenderedInvitation Render(InvitationTemplate template, InvitationTemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        if (template.Mode != model.Mode)
        {
            throw new InvitationTemplateException(template.Name, $"'{template.Name}' is {InvitationModes.WithArticle(template.Mode)} template, not {InvitationModes.Name(model.Mode)}.");
        }

        var subject = LiquidTemplates.Compile(template.Subject);
        var body = LiquidTemplates.Compile(template.Body);
        var variables = TemplateVariables.From(model);
        try
        {
            return new RenderedInvitation(
                PlainText.Subject(LiquidTemplates.Render(subject, variables, NullEncoder.Default), MaxSubjectLength),
                LiquidTemplates.Render(body, variables, LiquidTemplates.BodyEncoder));
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ArithmeticException or FormatException)
        {
            throw new InvalidOperationException($"Template '{template.Name}' does not render: {e.Message}", e);
        }
    }
}
