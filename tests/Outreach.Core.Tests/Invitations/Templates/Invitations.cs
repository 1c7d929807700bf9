using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Templates;

namespace Outreach.Core.Tests.Invitations.Templates;

/// <summary>A sample invitation and a host built from settings.</summary>
internal static class Invitations
{
    /// <summary>Tuesday 10 March 2026, 14:30-15:00 in Berlin (UTC+01:00).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 13, 30, 0, TimeSpan.Zero);

    public static InvitationTemplateModel Priya(InvitationMode mode = InvitationMode.Video) => new()
    {
        ContactEmail = "priya.raman@fabrikam.com",
        ContactDisplayName = "Priya Raman",
        LatestSubject = "RE: Q3 pricing",
        OwnerName = "Avery Quinn",
        OwnerSignature = "Avery Quinn\nHead of Partnerships, Northwind Labs",
        Mode = mode,
        Location = mode == InvitationMode.InPerson ? "Café Lumen, Friedrichstraße 12" : null,
        Start = Start,
        End = Start.AddMinutes(30),
        TimeZoneId = "Europe/Berlin",
    };

    /// <summary>Only what is required: no name, no thread, no owner, no place.</summary>
    public static InvitationTemplateModel Bare(InvitationMode mode = InvitationMode.Video) => new()
    {
        ContactEmail = "priya.raman@fabrikam.com",
        Mode = mode,
        Start = Start,
        End = Start.AddMinutes(30),
        TimeZoneId = "Europe/Berlin",
    };

    public static RenderedInvitation Render(InvitationTemplate template, InvitationTemplateModel model) =>
        new InvitationTemplateRenderer().Render(template, model);

    public static InvitationTemplate Template(string subject, string body = "<p>{{ contact.name }}</p>", InvitationMode mode = InvitationMode.Video) =>
        new("test", mode, subject, body, IsBuiltIn: false);

    public static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddOutreachInvitationTemplates(configuration).BuildServiceProvider();
    }
}
