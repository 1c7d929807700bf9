using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Invitations;
using Outreach.Core.Invitations.Slots;
using Outreach.Core.Invitations.Templates;
using static Outreach.Core.Tests.Invitations.Templates.Invitations;

namespace Outreach.Core.Tests.Invitations.Templates;

/// <summary>Templates from configuration: listed, resolved, and checked at start-up.</summary>
public sealed class TemplateCatalogTests
{
    private const string Section = "Outreach:Invitations:Templates";

    private static Dictionary<string, string?> Coffee(string subject = "Coffee, {{ contact.first_name }}?", string body = "<p>{{ meeting.when }} at {{ meeting.location }}</p>") => new()
    {
        [$"{Section}:coffee:Mode"] = "in-person",
        [$"{Section}:coffee:Subject"] = subject,
        [$"{Section}:coffee:Body"] = body,
    };

    private static OptionsValidationException StartUpFails(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void The_built_ins_are_listed_with_their_mode()
    {
        using var services = Services([]);
        services.GetRequiredService<IStartupValidator>().Validate();

        var templates = services.GetRequiredService<ITemplateCatalog>().List();

        Assert.Equal([("in-person", InvitationMode.InPerson, true), ("video", InvitationMode.Video, true)], templates.Select(t => (t.Name, t.Mode, t.IsBuiltIn)));
    }

    [Fact]
    public void A_custom_template_from_configuration_is_listed_and_renders()
    {
        using var services = Services(Coffee());
        services.GetRequiredService<IStartupValidator>().Validate();
        var catalog = services.GetRequiredService<ITemplateCatalog>();

        var coffee = catalog.Get("coffee");
        var invitation = services.GetRequiredService<InvitationTemplateRenderer>().Render(coffee, Priya(InvitationMode.InPerson));

        Assert.Equal(["coffee", "in-person", "video"], catalog.List().Select(t => t.Name));
        Assert.False(coffee.IsBuiltIn);
        Assert.Equal(InvitationMode.InPerson, coffee.Mode);
        Assert.Equal("Coffee, Priya?", invitation.Subject);
        Assert.Equal("<p>Tuesday 10 March 2026, 14:30–15:00 (Europe/Berlin, UTC&#x2B;01:00) at Café Lumen, Friedrichstraße 12</p>", invitation.Body);
    }

    [Theory]
    [InlineData("coffee")]
    [InlineData("COFFEE")]
    [InlineData(" Coffee ")]
    public void Templates_are_found_by_name_whatever_the_case(string name)
    {
        using var services = Services(Coffee());

        Assert.Equal("coffee", services.GetRequiredService<ITemplateCatalog>().Get(name).Name);
    }

    [Fact]
    public void An_unknown_template_name_is_an_error_naming_the_template_field_and_the_known_ones()
    {
        using var services = Services([]);

        var error = Assert.Throws<InvitationTemplateException>(() => services.GetRequiredService<ITemplateCatalog>().Get("tea"));

        Assert.Equal("template", error.Field);
        Assert.Equal("tea", error.TemplateName);
        Assert.Equal("there is no template named 'tea'; known templates: in-person, video.", error.Message);
    }

    [Fact]
    public void Without_a_name_the_modes_built_in_is_used_and_a_template_of_the_other_mode_is_refused()
    {
        using var services = Services(Coffee());
        var catalog = services.GetRequiredService<ITemplateCatalog>();

        Assert.Same(BuiltInTemplates.Video, catalog.Resolve(null, InvitationMode.Video));
        Assert.Same(BuiltInTemplates.InPerson, catalog.Resolve(" ", InvitationMode.InPerson));
        var error = Assert.Throws<InvitationTemplateException>(() => catalog.Resolve("coffee", InvitationMode.Video));
        Assert.Equal("'coffee' is an in-person template, not video.", error.Message);
    }

    [Fact]
    public void The_renderer_refuses_a_template_of_the_other_mode()
    {
        var error = Assert.Throws<InvitationTemplateException>(() => Render(BuiltInTemplates.InPerson, Priya(InvitationMode.Video)));

        Assert.Equal("template", error.Field);
    }

    [Fact]
    public void A_template_that_does_not_parse_stops_start_up_naming_it_and_quoting_Fluids_error()
    {
        var error = StartUpFails(Coffee(subject: "Coffee, {{ contact.first_name"));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith($"{Section}:coffee:Subject: Liquid syntax error: ", failure, StringComparison.Ordinal);
        Assert.Contains("'}}' was expected", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_stops_start_up_even_on_a_branch_the_samples_never_take()
    {
        var error = StartUpFails(Coffee(body: "{% if meeting.mode == 'nothing' %}{{ contact.nickname }}{{ pet }}{% endif %}"));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith($"{Section}:coffee:Body: unknown variables 'contact.nickname', 'pet' (known: contact.name, contact.first_name", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_a_template_defines_itself_are_not_unknown()
    {
        using var services = Services(Coffee(body: "{% assign who = contact.first_name %}{% capture hi %}Hi {{ who }}{% endcapture %}{{ hi }}{% for line in owner.signature_lines %}{{ forloop.index }}{{ line }}{% endfor %}"));

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("{{ contact.name | raw }}", "unknown filter 'raw'")]
    [InlineData("{{ contact.name | shout }}", "unknown filter 'shout'")]
    [InlineData("{% include 'footer' %}", "the include tag is not available")]
    public void A_filter_or_tag_that_could_bypass_encoding_or_does_not_exist_stops_start_up(string body, string problem)
    {
        var error = StartUpFails(Coffee(body: body));

        Assert.Contains(error.Failures, f => f.StartsWith($"{Section}:coffee:Body: {problem}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_that_fails_only_when_rendered_stops_start_up()
    {
        var error = StartUpFails(Coffee(body: "{{ meeting.duration_minutes | divided_by: 0 }}"));

        Assert.Contains(error.Failures, f => f.StartsWith($"{Section}:coffee:Body: does not render", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Mode", "teams", "coffee:Mode is 'teams'")]
    [InlineData("Subject", "", "coffee:Subject: is empty")]
    [InlineData("Body", " ", "coffee:Body: is empty")]
    public void A_bad_mode_or_a_missing_part_stops_start_up_naming_the_setting(string key, string value, string problem)
    {
        var settings = Coffee();
        settings[$"{Section}:coffee:{key}"] = value;

        var error = StartUpFails(settings);

        Assert.Contains(error.Failures, f => f.StartsWith($"{Section}:{problem}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_template_name_stops_start_up()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{Section}:coffee time!:Mode"] = "video",
            [$"{Section}:coffee time!:Subject"] = "Hi",
            [$"{Section}:coffee time!:Body"] = "Hi",
        };

        var error = StartUpFails(settings);

        Assert.Contains(error.Failures, f => f.StartsWith($"{Section}:coffee time!: a template name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_template_named_like_a_built_in_stops_start_up_unless_it_says_it_replaces_it()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{Section}:Video:Mode"] = "video",
            [$"{Section}:Video:Subject"] = "Call?",
            [$"{Section}:Video:Body"] = "<p>Call?</p>",
        };

        var error = StartUpFails(settings);

        Assert.Contains(error.Failures, f => f.Contains("'video' is a built-in template; set Outreach:Invitations:Templates:Video:ReplaceBuiltIn=true", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_template_that_says_so_replaces_the_built_in_and_is_listed_as_custom()
    {
        using var services = Services(new()
        {
            [$"{Section}:Video:Mode"] = "video",
            [$"{Section}:Video:Subject"] = "Call, {{ contact.first_name }}?",
            [$"{Section}:Video:Body"] = "<p>Call?</p>",
            [$"{Section}:Video:ReplaceBuiltIn"] = "true",
        });
        services.GetRequiredService<IStartupValidator>().Validate();
        var catalog = services.GetRequiredService<ITemplateCatalog>();

        var video = catalog.Resolve(null, InvitationMode.Video);

        Assert.Equal(["in-person", "video"], catalog.List().Select(t => t.Name));
        Assert.False(video.IsBuiltIn);
        Assert.Equal("Call, {{ contact.first_name }}?", video.Subject);
    }

    [Fact]
    public void Slot_options_are_bound_and_checked_at_start_up()
    {
        using var services = Services(new()
        {
            ["Outreach:Invitations:Slots:LeadTime"] = "04:00:00",
            ["Outreach:Invitations:Slots:GranularityMinutes"] = "15",
        });
        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<SlotOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(4), options.LeadTime);
        Assert.Equal(15, options.GranularityMinutes);
        Assert.Equal(10, options.HorizonDays);
    }

    [Theory]
    [InlineData("HorizonDays", "31")]
    [InlineData("GranularityMinutes", "90")]
    [InlineData("Buffer", "02:00:00")]
    [InlineData("LeadTime", "-01:00:00")]
    public void Slot_options_out_of_range_stop_start_up_naming_the_setting(string key, string value)
    {
        var error = StartUpFails(new() { [$"Outreach:Invitations:Slots:{key}"] = value });

        Assert.Contains(error.Failures, f => f.Contains(key, StringComparison.Ordinal));
    }
}
