using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Templates;
using static Outreach.Core.Tests.Invitations.Templates.Invitations;

namespace Outreach.Core.Tests.Invitations.Templates;

public sealed class BuiltInTemplateTests
{
    [Fact]
    public void The_video_template_greets_the_contact_mentions_the_thread_and_proposes_the_time()
    {
        var invitation = Render(BuiltInTemplates.Video, Priya());

        Assert.Equal("Shall we have a video call, Priya?", invitation.Subject);
        Assert.StartsWith("<p>Hi Priya,</p>", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("most recently about &ldquo;Q3 pricing&rdquo;", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("I'd like to put a face to the name.", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("Would you have 30 minutes for a video call?", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("Tuesday 10 March 2026, 14:30–15:00 (Europe/Berlin, UTC&#x2B;01:00)", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("<p>Best,<br>\nAvery Quinn<br>\nHead of Partnerships, Northwind Labs</p>", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_in_person_template_names_the_place_and_the_time()
    {
        var invitation = Render(BuiltInTemplates.InPerson, Priya(InvitationMode.InPerson));

        Assert.Equal("Shall we meet in person, Priya?", invitation.Subject);
        Assert.StartsWith("<p>Hi Priya,</p>", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("most recently about &ldquo;Q3 pricing&rdquo;", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("Could we meet for 30 minutes at Café Lumen, Friedrichstraße 12?", invitation.Body, StringComparison.Ordinal);
        Assert.Contains("Tuesday 10 March 2026, 14:30–15:00 (Europe/Berlin, UTC&#x2B;01:00)", invitation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("video", invitation.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(InvitationMode.Video, "Shall we have a video call?")]
    [InlineData(InvitationMode.InPerson, "Shall we meet in person?")]
    public void Without_the_optional_values_the_built_ins_stay_natural(InvitationMode mode, string subject)
    {
        var template = mode == InvitationMode.Video ? BuiltInTemplates.Video : BuiltInTemplates.InPerson;

        var invitation = Render(template, Bare(mode));

        Assert.Equal(subject, invitation.Subject);
        Assert.StartsWith("<p>Hello,</p>", invitation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("most recently", invitation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", invitation.Body, StringComparison.Ordinal);
        Assert.EndsWith("<p>Best,</p>\n", invitation.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("&ldquo;&rdquo;", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_signature_the_owner_signs_with_their_name()
    {
        var invitation = Render(BuiltInTemplates.Video, Priya() with { OwnerSignature = "  " });

        Assert.EndsWith("<p>Best,<br>\nAvery Quinn</p>\n", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_display_name_that_is_an_address_gets_the_neutral_greeting()
    {
        var invitation = Render(BuiltInTemplates.Video, Priya() with { ContactDisplayName = "priya.raman@fabrikam.com" });

        Assert.Equal("Shall we have a video call?", invitation.Subject);
        Assert.StartsWith("<p>Hello,</p>", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_name_given_by_the_caller_wins_over_the_display_name()
    {
        var invitation = Render(BuiltInTemplates.Video, Priya() with { ContactFirstName = "Pri" });

        Assert.Equal("Shall we have a video call, Pri?", invitation.Subject);
    }

    [Theory]
    [InlineData("W. Europe Standard Time", "Tuesday 10 March 2026, 14:30–15:00 (Europe/Berlin, UTC&#x2B;01:00)")]
    [InlineData("Eastern Standard Time", "Tuesday 10 March 2026, 09:30–10:00 (America/New_York, UTC-04:00)")]
    [InlineData("Asia/Kolkata", "Tuesday 10 March 2026, 19:00–19:30 (Asia/Kolkata, UTC&#x2B;05:30)")]
    [InlineData("UTC", "Tuesday 10 March 2026, 13:30–14:00 (UTC)")]
    public void The_time_is_written_in_the_owners_zone_with_its_offset_on_that_day(string zone, string when)
    {
        var invitation = Render(BuiltInTemplates.Video, Priya() with { TimeZoneId = zone });

        Assert.Contains(when, invitation.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(45, "45 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(90, "1 hour 30 minutes")]
    [InlineData(120, "2 hours")]
    public void The_duration_is_written_in_words(int minutes, string words)
    {
        var invitation = Render(BuiltInTemplates.Video, Priya() with { End = Start.AddMinutes(minutes) });

        Assert.Contains($"Would you have {words} for a video call?", invitation.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_built_ins_pass_the_start_up_check()
    {
        foreach (var template in BuiltInTemplates.All)
        {
            var definition = new InvitationTemplateDefinition { Mode = InvitationModes.Name(template.Mode), Subject = template.Subject, Body = template.Body };

            Assert.Empty(InvitationTemplateOptionsValidator.Validate("copy-of-" + template.Name, definition));
        }
    }
}
