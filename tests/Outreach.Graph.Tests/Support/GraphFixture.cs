using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Outreach.Graph.Auth;
using Outreach.Graph.Reading;
using Outreach.Testing.Graph;

namespace Outreach.Graph.Tests.Support;

/// <summary>
/// A loopback Graph server and the real Microsoft.Graph SDK pointed at it, configured exactly as the
/// product configures it (bearer token, retry handler, per-mailbox concurrency).
/// </summary>
internal sealed class GraphFixture : IAsyncDisposable
{
    public const string Mailbox = "avery@northwind.com";

    private GraphFixture(GraphLoopbackServer server, GraphOptions options)
    {
        Server = server;
        Options = options;
        Client = OutreachGraphClientFactory.Create(options, GraphAuthentication.Create(options));
        Reader = new GraphMailboxReader(Client, Microsoft.Extensions.Options.Options.Create(options));
    }

    public GraphLoopbackServer Server { get; }

    public GraphOptions Options { get; }

    public GraphServiceClient Client { get; }

    public GraphMailboxReader Reader { get; }

    public static async Task<GraphFixture> StartAsync(Action<GraphOptions>? configure = null)
    {
        var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        var options = new GraphOptions { BaseUrl = server.BaseUrl, AccessToken = "loopback-token", RetryDelaySeconds = 0, MaxRetries = 3 };
        configure?.Invoke(options);
        return new GraphFixture(server, options);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    public static JsonObject Message(string id, string from, DateTimeOffset received, string to = Mailbox, string? cc = null, string conversation = "c1") => new()
    {
        ["id"] = id,
        ["conversationId"] = conversation,
        ["receivedDateTime"] = received.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["sentDateTime"] = received.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["isDraft"] = false,
        ["subject"] = "Hello",
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>secret body</p>" },
        ["bodyPreview"] = "secret body",
        ["from"] = Address(from),
        ["sender"] = Address(from),
        ["toRecipients"] = new JsonArray(Address(to)),
        ["ccRecipients"] = cc is null ? new JsonArray() : new JsonArray(Address(cc)),
        ["internetMessageHeaders"] = new JsonArray(new JsonObject { ["name"] = "Precedence", ["value"] = "bulk" }),
    };

    public static JsonObject Address(string address, string? name = null) =>
        new() { ["emailAddress"] = new JsonObject { ["name"] = name ?? address.Split('@')[0], ["address"] = address } };

    public static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<T> pages)
    {
        var list = new List<T>();
        await foreach (var page in pages.WithCancellation(TestContext.Current.CancellationToken)) list.Add(page);
        return list;
    }
}
