using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Invitations.Templates;

/// <summary>Built-ins first, then configured templates, a configured one replacing a built-in of the same name (when it says so).</summary>
public sealed class TemplateCatalog : ITemplateCatalog
{
    private readonly Dictionary<string, InvitationTemplate> _templates = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<InvitationTemplate> _list;

    public TemplateCatalog(IOptions<InvitationTemplateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var builtIn in BuiltInTemplates.All) _templates[builtIn.Name] = builtIn;
        foreach (var (name, definition) in options.Value.Templates)
        {
            if (!InvitationModes.TryParse(definition.Mode, out var mode))
            {
                throw new OptionsValidationException(InvitationTemplateOptions.SectionName, typeof(InvitationTemplateOptions), [$"{InvitationTemplateOptions.SectionName}:{name}:Mode is '{definition.Mode}'."]);
            }

            var key = _templates.TryGetValue(name, out var existing) ? existing.Name : name;
            _templates[key] = new InvitationTemplate(key, mode.Value, definition.Subject ?? string.Empty, definition.Body ?? string.Empty, IsBuiltIn: false);
        }

        _list = [.. _templates.Values.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<InvitationTemplate> List() => _list;

    public bool TryGet(string name, [NotNullWhen(true)] out InvitationTemplate? template)
    {
        template = null;
        return !string.IsNullOrWhiteSpace(name) && _templates.TryGetValue(name.Trim(), out template);
    }

    public InvitationTemplate Get(string name)
    {
        if (TryGet(name, out var template)) return template;
        throw new InvitationTemplateException(name ?? string.Empty, $"there is no template named '{name}'; known templates: {string.Join(", ", _list.Select(t => t.Name))}.");
    }

    public InvitationTemplate Resolve(string? name, InvitationMode mode)
    {
        var template = Get(string.IsNullOrWhiteSpace(name) ? BuiltInTemplates.NameFor(mode) : name);
        if (template.Mode != mode)
        {
            throw new InvitationTemplateException(template.Name, $"'{template.Name}' is {InvitationModes.WithArticle(template.Mode)} template, not {InvitationModes.Name(mode)}.");
        }

        return template;
    }
}
