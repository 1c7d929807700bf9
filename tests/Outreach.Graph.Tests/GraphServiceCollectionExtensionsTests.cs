using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Sources;
using Outreach.Graph.Auth;
using Outreach.Graph.Reading;

namespace Outreach.Graph.Tests;

public sealed class GraphServiceCollectionExtensionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddOutreachGraph(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void The_reader_is_the_Graph_reader()
    {
        using var services = Services(new() { ["Outreach:Graph:AccessToken"] = "t" });

        Assert.IsType<GraphMailboxReader>(services.GetRequiredService<IMailboxReader>());
    }

    [Fact]
    public void The_Teams_reader_is_the_Graph_Teams_reader()
    {
        using var services = Services(new() { ["Outreach:Graph:AccessToken"] = "t" });

        Assert.IsType<Outreach.Graph.Teams.GraphTeamsReader>(services.GetRequiredService<ITeamsReader>());
    }

    [Theory]
    [InlineData("ClientSecret", "ClientSecret")]
    [InlineData("ClientCertificate", "CertificatePath")]
    [InlineData("DeviceCode", "ClientId")]
    public void An_auth_mode_without_its_settings_stops_start_up(string mode, string missing)
    {
        using var services = Services(new() { ["Outreach:Graph:Auth"] = mode, ["Outreach:Graph:TenantId"] = "contoso.onmicrosoft.com" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(missing, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("http://graph.microsoft.com/v1.0")]
    [InlineData("ftp://graph.microsoft.com/v1.0")]
    public void The_base_url_must_be_https_or_loopback(string url)
    {
        using var services = Services(new() { ["Outreach:Graph:BaseUrl"] = url, ["Outreach:Graph:AccessToken"] = "t" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void A_national_cloud_and_its_authority_are_accepted()
    {
        using var services = Services(new()
        {
            ["Outreach:Graph:BaseUrl"] = "https://graph.microsoft.us/v1.0",
            ["Outreach:Graph:AuthorityHost"] = "https://login.microsoftonline.us",
            ["Outreach:Graph:Auth"] = "ManagedIdentity",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("https://graph.microsoft.us/v1.0", services.GetRequiredService<IOptions<GraphOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void A_configured_token_overrides_the_auth_mode()
    {
        var options = new GraphOptions { Auth = GraphAuthMode.ClientSecret, AccessToken = "abc" };

        Assert.Equal(GraphAuthMode.Token, options.EffectiveAuth);
        Assert.True(new GraphOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task The_static_token_is_only_given_to_the_graph_host()
    {
        var provider = new StaticAccessTokenProvider("secret-token", "graph.microsoft.com");

        Assert.Equal("secret-token", await provider.GetAuthorizationTokenAsync(new Uri("https://graph.microsoft.com/v1.0/users"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("", await provider.GetAuthorizationTokenAsync(new Uri("https://evil.example.com/v1.0/users"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/users/Avery%40Northwind.com/mailFolders/inbox/messages/delta", "avery@northwind.com")]
    [InlineData("https://graph.microsoft.com/v1.0/users('avery@northwind.com')/calendarView/delta", null)]
    [InlineData("https://graph.microsoft.com/v1.0/me/messages", null)]
    public void Requests_are_grouped_by_the_mailbox_in_their_path(string url, string? mailbox) =>
        Assert.Equal(mailbox, MailboxConcurrencyHandler.MailboxOf(new Uri(url)));

    [Fact]
    public void Permissions_are_the_least_the_features_need()
    {
        Assert.Equal(["Mail.ReadBasic.All", "Calendars.Read"], GraphPermissions.Application(new GraphOptions { ReadMessageHeaders = false }));
        Assert.Equal(["Mail.Read", "Calendars.Read"], GraphPermissions.Application(new GraphOptions()));
        Assert.Equal(["Mail.ReadBasic", "Calendars.Read"], GraphPermissions.Delegated(new GraphOptions { ReadMessageHeaders = false }));
    }

    [Theory]
    [InlineData(SourceKinds.Default, "Mail.Read Calendars.Read")]
    [InlineData(SourceKinds.Mail | SourceKinds.TeamsCalls, "Mail.Read CallRecords.Read.All User.ReadBasic.All")]
    [InlineData(SourceKinds.TeamsChats, "Chat.Read.All User.ReadBasic.All")]
    [InlineData(SourceKinds.Default | SourceKinds.TeamsCalls | SourceKinds.TeamsChats, "Mail.Read Calendars.Read CallRecords.Read.All Chat.Read.All User.ReadBasic.All")]
    public void Each_source_adds_only_its_own_permissions(SourceKinds sources, string expected) =>
        Assert.Equal(expected, string.Join(' ', GraphPermissions.Application(new GraphOptions(), sources)));
}
