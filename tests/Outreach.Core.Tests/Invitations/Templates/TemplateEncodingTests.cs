using Outreach.Core.Invitations.Templates;
using static Outreach.Core.Tests.Invitations.Templates.Invitations;

namespace Outreach.Core.Tests.Invitations.Templates;

/// <summary>No value from a mailbox can add markup to the body or a header line to the subject.</summary>
public sealed class TemplateEncodingTests
{
    private const string Script = "<script>alert(1)</script>";

    [Fact]
    public void A_hostile_contact_name_is_encoded_in_the_body()
    {
        var template = Template("Hello {{ contact.name }}", "<p>{{ contact.name }} / {{ contact.first_name }}</p>");

        var invitation = Render(template, Priya() with { ContactDisplayName = Script, ContactFirstName = Script });

        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt; / &lt;script&gt;alert(1)&lt;/script&gt;</p>", invitation.Body);
    }

    [Fact]
    public void A_hostile_thread_subject_cannot_close_the_built_in_markup()
    {
        var invitation = Render(BuiltInTemplates.Video, Priya() with { LatestSubject = "\"></p><img src=x onerror=alert(1)>" });

        Assert.DoesNotContain("<img", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_value_is_encoded_including_location_owner_and_signature()
    {
        var hostile = Priya(Outreach.Core.Invitations.InvitationMode.InPerson) with
        {
            Location = "<b>Lobby</b>",
            OwnerName = "<i>Avery</i>",
            OwnerSignature = "<a href='javascript:x'>Avery</a>\n<u>Northwind</u>",
        };

        var invitation = Render(BuiltInTemplates.InPerson, hostile);

        Assert.DoesNotContain("<b>", invitation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", invitation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<u>", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Lobby&lt;/b&gt;", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;u&gt;Northwind&lt;/u&gt;", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_a_header_injection_stays_on_one_subject_line()
    {
        var invitation = Render(BuiltInTemplates.Video, Priya() with { ContactFirstName = "Dana\r\nBcc: x@evil.com" });

        Assert.Equal("Shall we have a video call, Dana Bcc: x@evil.com?", invitation.Subject);
        Assert.DoesNotContain('\r', invitation.Body);
        Assert.Contains("Hi Dana Bcc: x@evil.com,", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_line_separators_and_bidi_overrides_are_stripped_from_the_subject()
    {
        var template = Template("  {{ latest_subject }}\r\n\t");

        var invitation = Render(template, Priya() with { LatestSubject = "Q3\u0000 pricing\u2028next\u0085steps\u202Eevil\u0007\ttoo\r\nmuch" });

        Assert.Equal("Q3 pricing next steps evil too much", invitation.Subject);
    }

    [Fact]
    public void The_subject_is_plain_text_without_entities_or_tags()
    {
        var template = Template("<b>{{ latest_subject }}</b> with {{ contact.name }}");

        var invitation = Render(template, Priya() with { LatestSubject = "Tom & Jerry's \"plan\" 1 < 2", ContactDisplayName = Script });

        Assert.Equal("Tom & Jerry's \"plan\" 1 < 2 with alert(1)", invitation.Subject);
    }

    [Fact]
    public void The_subject_is_cut_to_255_characters()
    {
        var invitation = Render(Template("{{ latest_subject }}"), Priya() with { LatestSubject = new string('x', 300) });

        Assert.Equal(255, invitation.Subject.Length);
    }

    [Fact]
    public void The_subject_cut_never_splits_a_surrogate_pair()
    {
        var invitation = Render(Template("{{ latest_subject }}"), Priya() with { LatestSubject = new string('x', 254) + "😀😀" });

        Assert.Equal(new string('x', 254), invitation.Subject);
    }

    [Fact]
    public void Reply_and_forward_prefixes_are_dropped_from_the_thread_subject()
    {
        var invitation = Render(Template("{{ latest_subject }}"), Priya() with { LatestSubject = "RE: Fwd: AW:  Q3 pricing" });

        Assert.Equal("Q3 pricing", invitation.Subject);
    }
}
