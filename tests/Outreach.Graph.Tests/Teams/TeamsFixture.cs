using Outreach.Core.Sources;
using Outreach.Graph.Teams;
using Outreach.Graph.Tests.Support;
using Outreach.Testing.Graph;

namespace Outreach.Graph.Tests.Teams;

/// <summary>
/// The owner's tenant as the Teams tests see it: the owner's mailbox, a colleague, a B2B guest (an #EXT# UPN with a
/// real mail) in the directory, and the Graph Teams reader on the real SDK.
/// </summary>
internal sealed class TeamsFixture : IAsyncDisposable
{
    public const string Colleague = "u-dana";
    public const string ColleagueMail = "dana@northwind.com";
    public const string Guest = "u-gus";
    public const string GuestMail = "gus@fabrikam.com";

    private TeamsFixture(GraphFixture graph)
    {
        Graph = graph;
        Reader = new GraphTeamsReader(graph.Client, Microsoft.Extensions.Options.Options.Create(graph.Options));
        OwnerId = graph.Server.Mailbox(GraphFixture.Mailbox).ObjectId;
        Teams.AddUser(TeamsWire.User(Colleague, "Dana Reyes", ColleagueMail));
        Teams.AddUser(TeamsWire.User(Guest, "Gus Green", GuestMail, "gus_fabrikam.com#EXT#@northwind.onmicrosoft.com"));
    }

    public GraphFixture Graph { get; }

    public GraphTeamsReader Reader { get; }

    public string OwnerId { get; }

    public FakeTeams Teams => Graph.Server.Teams;

    public RequestLog Requests => Graph.Server.Requests;

    public static async Task<TeamsFixture> StartAsync(Action<GraphOptions>? configure = null) => new(await GraphFixture.StartAsync(configure));

    public Task<List<ChangePage<Core.Touchpoints.MeetingRecord>>> CallsAsync(string? cursor, DateTimeOffset since) =>
        GraphFixture.AllAsync(Reader.ReadCallsAsync(GraphFixture.Mailbox, cursor, since, TestContext.Current.CancellationToken));

    public Task<List<ChangePage<TeamsChatItem>>> ChatsAsync(string? cursor, DateTimeOffset since) =>
        GraphFixture.AllAsync(Reader.ReadChatsAsync(GraphFixture.Mailbox, cursor, since, TestContext.Current.CancellationToken));

    /// <summary>Requests whose path contains <paramref name="part"/> (case-insensitive).</summary>
    public List<LoggedRequest> RequestsTo(string part) =>
        [.. Requests.Entries.Where(e => e.Path.Contains(part, StringComparison.OrdinalIgnoreCase))];

    public ValueTask DisposeAsync() => Graph.DisposeAsync();
}
