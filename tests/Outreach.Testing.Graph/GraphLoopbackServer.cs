using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Testing.Graph.Internal;

namespace Outreach.Testing.Graph;

/// <summary>
/// A loopback HTTP server that answers like Microsoft Graph v1.0 for the few endpoints our adapters use,
/// so the real Graph SDK can be the client in tests: message delta and message list per mail folder, calendarView delta,
/// a group's transitive user members, a user's profile and mailboxSettings, creating events
/// (<c>/events</c>, <c>/calendar/events</c>), <c>calendar/getSchedule</c> and <c>sendMail</c>; and Teams (<see cref="Teams"/>):
/// a user's chats with members, a chat's messages, call records with participants_v2 and sessions, directory users.
/// Faults, <see cref="ResponseDelay"/>, Outlook's per-mailbox limits (<see cref="Outlook"/>) and the request log
/// apply to every endpoint. Besides <see cref="FakeMailbox"/>es (JSON items, change tracking, writes) it serves
/// <see cref="GeneratedMailbox"/>es: large, read-only, written to JSON from their index page by page (the benchmark's).
/// </summary>
public sealed class GraphLoopbackServer : IAsyncDisposable
{
    // Graph treats user ids and UPNs case-insensitively, so the registry does too.
    private readonly ConcurrentDictionary<string, FakeMailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FakeGroup> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GeneratedMailbox> _generated = new(StringComparer.OrdinalIgnoreCase);
    private readonly WebApplication _app;
    private long _responseDelayTicks;
    private int _disposed;

    private GraphLoopbackServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Root of the v1.0 API, e.g. <c>http://127.0.0.1:5123/v1.0</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Fault injection: throttling and per-mailbox failures.</summary>
    public GraphFaults Faults { get; } = new();

    /// <summary>Message delta limits: the 5,000-message cap of a filtered delta (on by default) and which messages it keeps.</summary>
    public MessageDeltaLimits MessageDelta { get; } = new();

    /// <summary>Teams chats and call records, and directory users other than the mailboxes.</summary>
    public FakeTeams Teams { get; } = new();

    /// <summary>Every request the server answered, and per-mailbox concurrency.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Outlook's per-mailbox limits (4 at once, 10,000 per 10 minutes): recorded always, enforced when asked.</summary>
    public OutlookLimits Outlook { get; } = new();

    /// <summary>
    /// Generated mailboxes made on first request for a user id that <see cref="AddGenerated"/> did not name
    /// (null: none), e.g. a tenant of a thousand that costs nothing until read. Asked on every request for such
    /// an id: cache what it makes.
    /// </summary>
    public Func<string, GeneratedMailbox?>? GeneratedMailboxes { get; set; }

    /// <summary>Artificial latency added to every request, so tests can observe how many run at once.</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
        set => Interlocked.Exchange(ref _responseDelayTicks, value.Ticks);
    }

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<GraphLoopbackServer> StartAsync(CancellationToken ct = default)
    {
        // The slim builder keeps startup fast; the server must not pick up the host's URLs or log noise.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var app = builder.Build();
        var server = new GraphLoopbackServer(app);
        var handler = new GraphRequestHandler(server);
        app.Run(handler.HandleAsync);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // Port 0 means Kestrel chose the port; the addresses feature reports what it actually bound.
        var port = new Uri(app.Urls.First()).Port;
        server.BaseUrl = $"http://127.0.0.1:{port}/v1.0";
        return server;
    }

    /// <summary>The mailbox for a user id or UPN, created on first use. Lookup is case-insensitive.</summary>
    public FakeMailbox Mailbox(string userIdOrUpn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrUpn);
        return _mailboxes.GetOrAdd(userIdOrUpn, id => new FakeMailbox(id));
    }

    /// <summary>
    /// Loads a sample mailbox (our sample format) into the mailbox named by its
    /// <c>mailbox.userPrincipalName</c>, with dates moved so the sample's anchor becomes <paramref name="asOf"/>.
    /// </summary>
    public FakeMailbox LoadSample(JsonObject sample, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var upn = sample["mailbox"]?["userPrincipalName"]?.GetValue<string>()
            ?? throw new ArgumentException("The sample has no mailbox.userPrincipalName.", nameof(sample));
        var mailbox = Mailbox(upn);
        mailbox.LoadSample(sample, asOf);
        return mailbox;
    }

    /// <summary>
    /// Serves <paramref name="mailbox"/> for its <see cref="GeneratedMailbox.Owner"/>, replacing a generated mailbox
    /// of that id; it takes precedence over a <see cref="FakeMailbox"/> of the same id.
    /// </summary>
    public void AddGenerated(GeneratedMailbox mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        _generated[mailbox.Owner] = mailbox;
    }

    internal GeneratedMailbox? FindGenerated(string userIdOrUpn) =>
        _generated.TryGetValue(userIdOrUpn, out var mailbox) ? mailbox : GeneratedMailboxes?.Invoke(userIdOrUpn);

    /// <summary>A security group whose user members <c>/groups/{id}/transitiveMembers/microsoft.graph.user</c> lists.</summary>
    public FakeGroup Group(string groupId) => _groups.GetOrAdd(groupId.ToLowerInvariant(), id => new FakeGroup(id));

    internal FakeGroup? FindGroup(string groupId) => _groups.GetValueOrDefault(groupId.ToLowerInvariant());

    /// <summary>
    /// Unlike <see cref="Mailbox"/>, never creates: requests for unknown users must get Graph's 404. A mailbox is also
    /// found by its directory object id, as Graph finds a user by id or UPN.
    /// </summary>
    internal FakeMailbox? FindMailbox(string userIdOrUpn) =>
        _mailboxes.TryGetValue(userIdOrUpn, out var mailbox)
            ? mailbox
            : _mailboxes.Values.FirstOrDefault(m => string.Equals(m.ObjectId, userIdOrUpn, StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts the counts again (request log, Outlook's windows, throttles answered); mailboxes and rules stay.</summary>
    public void ResetCounters()
    {
        Requests.Clear();
        Outlook.Clear();
        Faults.ResetThrottledCount();
    }

    /// <summary>Stops the server; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
