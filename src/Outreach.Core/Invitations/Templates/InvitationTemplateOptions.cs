namespace Outreach.Core.Invitations.Templates;

/// <summary>
/// Custom invitation templates from configuration, section "Outreach:Invitations:Templates": one entry
/// per name (letters, digits, '-' and '_'), e.g. <c>Outreach__Invitations__Templates__coffee__Mode=in-person</c>,
/// <c>…__coffee__Subject</c> and <c>…__coffee__Body</c>. Checked at start-up: a template that does not parse,
/// or that uses an unknown variable or filter, stops the host with the template's name and the error.
/// A custom template named like a built-in ("video", "in-person") replaces it only when it says
/// <c>ReplaceBuiltIn=true</c>; otherwise start-up fails, so a built-in is never replaced by accident.
/// </summary>
public sealed class InvitationTemplateOptions
{
    public const string SectionName = "Outreach:Invitations:Templates";

    /// <summary>Name → template; names compare case-insensitively.</summary>
    public Dictionary<string, InvitationTemplateDefinition> Templates { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One custom template as configured.</summary>
public sealed class InvitationTemplateDefinition
{
    /// <summary>"video" or "in-person".</summary>
    public string? Mode { get; set; }

    /// <summary>Liquid; rendered as plain text (one line, at most 255 characters).</summary>
    public string? Subject { get; set; }

    /// <summary>Liquid producing HTML; every variable is HTML-encoded.</summary>
    public string? Body { get; set; }

    /// <summary>Must be true for a template named like a built-in, which it then replaces.</summary>
    public bool ReplaceBuiltIn { get; set; }
}
