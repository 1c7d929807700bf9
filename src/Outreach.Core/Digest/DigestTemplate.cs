namespace Outreach.Core.Digest;

/// <summary>
/// The digest email, a Liquid template rendered by Fluid with every value HTML-encoded. Email clients
/// ignore stylesheets, scripts and SVG, so it is tables with inline styles; each contact's channel mix
/// is a two-colour bar of table cells (emails the owner sent vs received), with the numbers in text too.
/// </summary>
internal static class DigestTemplate
{
    public const string Subject = "Outreach: {{ count }} {% if count == 1 %}contact{% else %}contacts{% endif %} you have only met in text";

    public const string Body = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Your weekly Outreach digest</title></head>
        <body style="margin:0;padding:0;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1b1b1f;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;"><tr><td align="center" style="padding:16px 8px;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:6px;">
        <tr><td style="padding:20px 20px 8px 20px;">
        <h1 style="margin:0 0 8px 0;font-size:20px;line-height:1.3;">{{ count }} {% if count == 1 %}person{% else %}people{% endif %} you have only met in text</h1>
        <p style="margin:0;font-size:14px;line-height:1.5;color:#44464f;">Week {{ week }}{% if owner != blank %}, for {{ owner }}{% endif %}. You write with them, but have not met by video or in person. Pick who to invite — nothing is sent until you choose.</p>
        </td></tr>
        {% for c in contacts %}
        <tr><td style="padding:12px 20px;border-top:1px solid #e3e4e8;">
        <p style="margin:0;font-size:16px;font-weight:600;">{{ c.name }}</p>
        {% if c.email != blank and c.name != c.email %}<p style="margin:0;font-size:13px;color:#44464f;">{{ c.email }}</p>{% endif %}
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:8px 0 4px 0;height:10px;border-collapse:collapse;"><tr>
        {% if c.sent_pct > 0 %}<td width="{{ c.sent_pct }}%" style="background:#0f6cbd;height:10px;font-size:0;line-height:0;">&nbsp;</td>{% endif %}
        {% if c.received_pct > 0 %}<td width="{{ c.received_pct }}%" style="background:#e3a21a;height:10px;font-size:0;line-height:0;">&nbsp;</td>{% endif %}
        </tr></table>
        <p style="margin:0 0 6px 0;font-size:12px;color:#44464f;"><span style="color:#0f6cbd;">&#9632;</span> {{ c.sent }} sent &nbsp; <span style="color:#b07a00;">&#9632;</span> {{ c.received }} received</p>
        <ul style="margin:0;padding-left:18px;font-size:13px;line-height:1.5;color:#1b1b1f;">{% for r in c.reasons %}<li>{{ r }}</li>{% endfor %}</ul>
        {% if c.linkedin_only %}<p style="margin:6px 0 0 0;font-size:13px;">Only on LinkedIn, so no Outlook invitation: {% if c.linkedin_url != blank %}<a href="{{ c.linkedin_url }}" style="color:#0f6cbd;">ask on LinkedIn</a>{% else %}ask on LinkedIn{% endif %}.</p>{% endif %}
        </td></tr>
        {% endfor %}
        <tr><td style="padding:16px 20px 20px 20px;border-top:1px solid #e3e4e8;">
        <a href="{{ review_url }}" style="display:inline-block;background:#0f6cbd;color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:10px 18px;border-radius:4px;">Review and invite</a>
        <p style="margin:12px 0 0 0;font-size:12px;line-height:1.5;color:#44464f;">The link works until {{ expires }} (UTC). On the page you can also stop these weekly emails.</p>
        </td></tr>
        </table></td></tr></table>
        </body></html>
        """;
}
