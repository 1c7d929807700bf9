using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Outreach.Core.Contacts;
using Outreach.Core.Digest;

namespace Outreach.Functions.Digest;

/// <summary>
/// The review page's HTML: semantic, no script, one nonce'd style block (the CSP allows nothing else),
/// a fieldset of labelled radio buttons per contact, responsive from 320 px up. Every value is HTML-encoded.
/// </summary>
internal static class ReviewHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The form's "action" value that opts the owner out of Outreach and erases their data.</summary>
    public const string StopAnalysingAction = "stop-analysing";

    public static readonly (ReviewChoice Choice, string Value, string Label)[] Choices =
    [
        (ReviewChoice.Leave, "leave", "Leave for now"),
        (ReviewChoice.Video, "video", "Video call (Teams)"),
        (ReviewChoice.InPerson, "in-person", "Meet in person"),
        (ReviewChoice.NotNow, "not-now", "Not now"),
        (ReviewChoice.Never, "never", "Never suggest"),
    ];

    private const string Css = """
        :root{color-scheme:light;--ink:#1b1b1f;--muted:#44464f;--line:#c9cbd3;--accent:#0f6cbd;--sent:#0f6cbd;--recv:#e3a21a;--bg:#f4f5f7}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 "Segoe UI",system-ui,-apple-system,Helvetica,Arial,sans-serif}
        main{max-width:44rem;margin:0 auto;padding:1rem}
        h1{font-size:1.4rem;line-height:1.3;margin:.5rem 0}
        p.lead{color:var(--muted);margin:.25rem 0 1rem}
        fieldset{background:#fff;border:1px solid var(--line);border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem 1rem}
        legend{font-weight:600;padding:0 .25rem;font-size:1.05rem}
        .email{color:var(--muted);font-size:.9rem;margin:0;overflow-wrap:anywhere}
        .mix{display:flex;height:.6rem;border-radius:3px;overflow:hidden;margin:.5rem 0 .25rem;background:#e3e4e8}
        .mix .s{background:var(--sent)} .mix .r{background:var(--recv)}
        .mixtext{font-size:.85rem;color:var(--muted);margin:0}
        ul.reasons{margin:.5rem 0;padding-left:1.2rem;font-size:.95rem}
        .choices{display:grid;grid-template-columns:repeat(auto-fit,minmax(7.5rem,1fr));gap:.4rem;margin-top:.5rem}
        .choices label{display:flex;gap:.5rem;align-items:center;border:1px solid var(--line);border-radius:4px;padding:.5rem .6rem;min-height:2.75rem;cursor:pointer;background:#fff}
        .choices input{width:1.15rem;height:1.15rem;margin:0;accent-color:var(--accent)}
        .where{display:block;margin-top:.6rem;font-size:.95rem}
        .where input{display:block;width:100%;margin-top:.2rem;padding:.5rem;font:inherit;border:1px solid #767983;border-radius:4px}
        .confirm{display:flex;gap:.5rem;align-items:center;flex-basis:100%;font-size:.95rem}
        .confirm input{width:1.15rem;height:1.15rem;margin:0;flex:none}
        :focus-visible{outline:3px solid #ffb900;outline-offset:2px}
        .actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1rem 0 2rem}
        button{font:inherit;font-weight:600;border-radius:4px;padding:.65rem 1.2rem;min-height:2.75rem;cursor:pointer}
        button.primary{background:var(--accent);color:#fff;border:1px solid var(--accent)}
        button.quiet{background:transparent;color:var(--accent);border:1px solid var(--accent)}
        ol.results{list-style:none;padding:0;margin:0}
        ol.results li{background:#fff;border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:0 0 .75rem}
        ol.results li.ok{border-left-color:#107c10} ol.results li.warn{border-left-color:#b07a00} ol.results li.bad{border-left-color:#c50f1f}
        .outcome{margin:.25rem 0 0}
        .notice{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem}
        """;

    public static string Form(DigestRecord digest, string query, string nonce, string token, string cspNonce)
    {
        var html = new StringBuilder();
        Open(html, "Review this week's contacts", cspNonce, MixRules(digest.Contacts));
        html.Append("<h1>Who would you like to meet?</h1>");
        html.Append("<p class=\"lead\">Week ").Append(E(digest.Week.ToString())).Append(": people you have only met in text. Choose per person; nothing happens until you press <strong>Send</strong>.</p>");
        html.Append("<form method=\"post\" action=\"").Append(E(query)).Append("\">");
        html.Append("<input type=\"hidden\" name=\"nonce\" value=\"").Append(E(nonce)).Append("\">");
        html.Append("<input type=\"hidden\" name=\"token\" value=\"").Append(E(token)).Append("\">");
        for (var i = 0; i < digest.Contacts.Count; i++)
        {
            var contact = digest.Contacts[i];
            var name = Name(contact);
            html.Append("<fieldset id=\"contact-").Append(i).Append("\"><legend>").Append(E(name)).Append("</legend>");
            if (name != contact.Email && !contact.IsLinkedInOnly) html.Append("<p class=\"email\">").Append(E(contact.Email)).Append("</p>");
            var (sent, received) = DigestRenderer.ChannelMix(contact.Sent, contact.Received);
            html.Append("<div class=\"mix\" id=\"mix-").Append(i).Append("\" aria-hidden=\"true\"><span class=\"s\"></span><span class=\"r\"></span></div>");
            html.Append("<p class=\"mixtext\">Channel mix: ").Append(contact.Sent).Append(" sent (").Append(sent).Append("%), ")
                .Append(contact.Received).Append(" received (").Append(received).Append("%)</p>");
            html.Append("<ul class=\"reasons\">");
            foreach (var reason in contact.Reasons) html.Append("<li>").Append(E(reason)).Append("</li>");
            html.Append("</ul>");
            if (contact.IsLinkedInOnly)
            {
                // No address, so no Outlook invitation (issue 13): a link to the profile instead of the choices. Only an
                // https://www.linkedin.com/ URL is ever a link, and it is HTML-encoded like every value here.
                html.Append("<p class=\"linkedin\">Only on LinkedIn, so no Outlook invitation: ");
                if (ProfileUrls.SafeLink(contact.LinkedinUrl) is { } link)
                {
                    html.Append("<a href=\"").Append(E(link)).Append("\" rel=\"noopener noreferrer\" target=\"_blank\">ask on LinkedIn</a>");
                }
                else
                {
                    html.Append("ask on LinkedIn");
                }

                html.Append(".</p></fieldset>");
                continue;
            }

            html.Append("<div class=\"choices\">");
            foreach (var (choice, value, label) in Choices)
            {
                html.Append("<label><input type=\"radio\" name=\"choice-").Append(i).Append("\" value=\"").Append(value).Append('"');
                if (choice == ReviewChoice.Leave) html.Append(" checked");
                html.Append("> ").Append(E(label)).Append("</label>");
            }

            html.Append("</div><label class=\"where\" for=\"location-").Append(i).Append("\">Where to meet (for in person)")
                .Append("<input type=\"text\" id=\"location-").Append(i).Append("\" name=\"location-").Append(i).Append("\" maxlength=\"255\"></label>");
            html.Append("</fieldset>");
        }

        html.Append("<div class=\"actions\"><button class=\"primary\" type=\"submit\" name=\"action\" value=\"send\">Send</button>");
        html.Append("<button class=\"quiet\" type=\"submit\" name=\"action\" value=\"unsubscribe\">Stop these weekly emails</button>");
        html.Append("<label class=\"confirm\" for=\"confirm-stop\"><input type=\"checkbox\" id=\"confirm-stop\" name=\"confirm-stop\" value=\"yes\"> ")
            .Append("To stop analysing my mailbox: I understand everything Outreach holds for it is erased</label>");
        html.Append("<button class=\"quiet\" type=\"submit\" name=\"action\" value=\"").Append(StopAnalysingAction)
            .Append("\">Stop analysing my mailbox (erases what Outreach holds)</button></div>");
        html.Append("</form>");
        return Close(html);
    }

    public static string Results(DigestRecord digest, IReadOnlyList<ReviewOutcome> outcomes, string cspNonce)
    {
        var html = new StringBuilder();
        Open(html, "Your choices were applied", cspNonce, "");
        html.Append("<h1>Done</h1><p class=\"lead\">Week ").Append(E(digest.Week.ToString())).Append(": here is what happened for each person.</p>");
        html.Append("<ol class=\"results\" role=\"status\">");
        foreach (var outcome in outcomes)
        {
            var tone = outcome.Kind switch
            {
                ReviewOutcomeKind.Invited or ReviewOutcomeKind.Snoozed or ReviewOutcomeKind.DoNotContact => "ok",
                ReviewOutcomeKind.Failed => "bad",
                ReviewOutcomeKind.Left => "",
                _ => "warn",
            };
            html.Append("<li class=\"").Append(tone).Append("\" data-contact=\"").Append(E(outcome.Contact.Email)).Append("\" data-outcome=\"")
                .Append(outcome.Kind.ToString().ToLowerInvariant()).Append("\"><strong>").Append(E(Name(outcome.Contact))).Append("</strong>")
                .Append("<p class=\"outcome\">").Append(E(outcome.Message)).Append("</p></li>");
        }

        html.Append("</ol>");
        return Close(html);
    }

    public static string Message(string title, string text, string cspNonce)
    {
        var html = new StringBuilder();
        Open(html, title, cspNonce, "");
        html.Append("<h1>").Append(E(title)).Append("</h1><p class=\"notice\" role=\"alert\">").Append(E(text)).Append("</p>");
        return Close(html);
    }

    private static string MixRules(IReadOnlyList<DigestContact> contacts)
    {
        var rules = new StringBuilder();
        for (var i = 0; i < contacts.Count; i++)
        {
            var (sent, received) = DigestRenderer.ChannelMix(contacts[i].Sent, contacts[i].Received);
            rules.Append(CultureInfo.InvariantCulture, $"#mix-{i} .s{{width:{sent}%}}#mix-{i} .r{{width:{received}%}}");
        }

        return rules.ToString();
    }

    private static void Open(StringBuilder html, string title, string cspNonce, string extraCss) =>
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(E(title)).Append(" – Outreach</title>")
            .Append("<style nonce=\"").Append(cspNonce).Append("\">").Append(Css).Append(extraCss).Append("</style></head><body><main>");

    private static string Close(StringBuilder html) => html.Append("</main></body></html>").ToString();

    private static string Name(DigestContact contact) => string.IsNullOrWhiteSpace(contact.DisplayName) ? contact.Email : contact.DisplayName.Trim();

    private static string E(string value) => Encoder.Encode(value);
}
