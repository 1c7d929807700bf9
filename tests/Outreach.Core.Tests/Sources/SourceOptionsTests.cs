using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Imports;
using Outreach.Core.Sources;
using Outreach.Core.Tests.Support;

namespace Outreach.Core.Tests.Sources;

/// <summary>Issue 13: <c>Outreach__Sources</c> is checked at start-up, naming the setting.</summary>
public sealed class SourceOptionsTests
{
    private static ServiceProvider Host(string? sources, bool teamsReader = false)
    {
        var settings = new Dictionary<string, string?>();
        if (sources is not null) settings["Outreach:Sources"] = sources;
        var services = new ServiceCollection().AddLogging().AddOutreachCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (teamsReader) services.AddSingleton<ITeamsReader, FakeTeamsReader>();
        return services.BuildServiceProvider();
    }

    private static void Start(ServiceProvider host) => host.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public void Unset_means_mail_and_calendar()
    {
        using var host = Host(null);

        Start(host);

        Assert.Equal(SourceKinds.Mail | SourceKinds.Calendar, host.GetRequiredService<IOptions<SourceOptions>>().Value.Kinds);
    }

    [Fact]
    public void Names_are_read_in_any_case_with_spaces()
    {
        using var host = Host(" Mail, teamschats ", teamsReader: true);

        Start(host);

        Assert.Equal(SourceKinds.Mail | SourceKinds.TeamsChats, host.GetRequiredService<IOptions<SourceOptions>>().Value.Kinds);
    }

    [Theory]
    [InlineData("mail,teams", "'teams' is not a source")]
    [InlineData(",", "name at least one source")]
    [InlineData("mail,teamsCalls", "teamsCalls needs a Teams reader")]
    public void A_bad_value_stops_the_host_naming_the_setting(string sources, string why)
    {
        using var host = Host(sources);

        var error = Assert.Throws<OptionsValidationException>(() => Start(host));

        Assert.Contains(error.Failures, f => f.StartsWith("Outreach:Sources: ", StringComparison.Ordinal) && f.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public void A_Teams_source_starts_when_the_host_registers_a_Teams_reader()
    {
        using var host = Host("mail,calendar,teamsCalls,teamsChats", teamsReader: true);

        Start(host);

        Assert.Equal(SourceKinds.Mail | SourceKinds.Calendar | SourceKinds.TeamsCalls | SourceKinds.TeamsChats,
            host.GetRequiredService<IOptions<SourceOptions>>().Value.Kinds);
    }

    [Fact]
    public async Task Without_a_configured_import_store_nothing_was_imported()
    {
        using var host = Host(null);

        var store = host.GetRequiredService<IImportStore>();

        Assert.Same(ImportedActivity.Empty, await store.LoadAsync("avery@northwind.com", TestContext.Current.CancellationToken));
    }
}
