using System.Diagnostics.CodeAnalysis;

namespace Outreach.Core.Invitations.Templates;

/// <summary>The invitation templates a host offers: the built-ins and the configured ones.</summary>
public interface ITemplateCatalog
{
    /// <summary>Every template, by name (GET /api/templates: name, mode, built-in or custom).</summary>
    IReadOnlyList<InvitationTemplate> List();

    /// <summary>The template of that name (case-insensitive), or an <see cref="InvitationTemplateException"/> naming the known ones.</summary>
    InvitationTemplate Get(string name);

    bool TryGet(string name, [NotNullWhen(true)] out InvitationTemplate? template);

    /// <summary>
    /// The template a request without one uses: <paramref name="name"/> when given (it must be of
    /// <paramref name="mode"/>), else the mode's built-in name ("video", "in-person"), which configuration may replace.
    /// </summary>
    InvitationTemplate Resolve(string? name, InvitationMode mode);
}
