namespace Outreach.Core.Invitations.Templates;

/// <summary>The shipped templates, one per mode: short, personal, and honest about why.</summary>
public static class BuiltInTemplates
{
    public const string VideoName = "video";

    public const string InPersonName = "in-person";

    private const string Greeting =
        "<p>{% if contact.first_name != blank %}Hi {{ contact.first_name }},{% else %}Hello,{% endif %}</p>\n";

    private const string SignOff =
        "{% if owner.signature != blank %}<p>Best,<br>\n{% for line in owner.signature_lines %}{{ line }}{% unless forloop.last %}<br>\n{% endunless %}{% endfor %}</p>"
        + "{% elsif owner.name != blank %}<p>Best,<br>\n{{ owner.name }}</p>"
        + "{% else %}<p>Best,</p>{% endif %}\n";

    public static readonly InvitationTemplate Video = new(
        VideoName,
        InvitationMode.Video,
        "Shall we have a video call{% if contact.first_name != blank %}, {{ contact.first_name }}{% endif %}?",
        Greeting
        + "<p>We've traded quite a few emails{% if latest_subject != blank %}, most recently about &ldquo;{{ latest_subject }}&rdquo;{% endif %},"
        + " but we've never actually spoken. I'd like to put a face to the name.</p>\n"
        + "<p>Would you have {{ meeting.duration }} for a video call? I've suggested {{ meeting.when }};"
        + " the link to join is in this invitation. If the time doesn't suit you, just propose another.</p>\n"
        + SignOff,
        IsBuiltIn: true);

    public static readonly InvitationTemplate InPerson = new(
        InPersonName,
        InvitationMode.InPerson,
        "Shall we meet in person{% if contact.first_name != blank %}, {{ contact.first_name }}{% endif %}?",
        Greeting
        + "<p>We've been trading emails for a while{% if latest_subject != blank %}, most recently about &ldquo;{{ latest_subject }}&rdquo;{% endif %},"
        + " and I'd like to put a face to the name.</p>\n"
        + "<p>Could we meet for {{ meeting.duration }}{% if meeting.location != blank %} at {{ meeting.location }}{% endif %}?"
        + " I've suggested {{ meeting.when }}. If the time or the place doesn't suit you, just propose another.</p>\n"
        + SignOff,
        IsBuiltIn: true);

    public static IReadOnlyList<InvitationTemplate> All { get; } = [InPerson, Video];

    /// <summary>The built-in template's name for a mode.</summary>
    public static string NameFor(InvitationMode mode) => mode == InvitationMode.Video ? VideoName : InPersonName;
}
