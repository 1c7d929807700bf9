using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core;
using Outreach.Core.Digest;
using Outreach.Core.Pipeline;
using Outreach.Core.Scanning;
using Outreach.Functions;
using Outreach.Functions.Digest;
using Outreach.Graph;
using Outreach.Storage;
using Outreach.Testing.Graph;

namespace Outreach.Functions.BrowserTests.Support;

/// <summary>
/// The review page as deployed, minus the Functions host: the function classes on Kestrel (loopback, a free
/// port), their routes mapped to the same methods, with the app's real services — tables on Azurite,
/// Graph on the loopback server. A mailbox is scanned from the sample and sent its digest, whose
/// captured email carries the signed link the browser opens.
/// </summary>
internal sealed class ReviewSite : IAsyncDisposable
{
    /// <summary>The enrollment group: each test's owner joins it, as an administrator would enrol them.</summary>
    private const string EnrollmentGroupId = "0d6c3b1e-5a4f-4c2e-9b7d-enrolled0001";

    public static readonly DateTimeOffset AsOf = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ReviewSite(WebApplication app, GraphLoopbackServer graph, string baseUrl)
    {
        App = app;
        Graph = graph;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public GraphLoopbackServer Graph { get; }

    public string BaseUrl { get; }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static string StorageConnection =>
        Environment.GetEnvironmentVariable("OUTREACH_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    public static async Task<ReviewSite> StartAsync(CancellationToken cancellationToken)
    {
        var graph = await GraphLoopbackServer.StartAsync(cancellationToken);
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = StorageConnection,
            ["Outreach:Graph:BaseUrl"] = graph.BaseUrl,
            ["Outreach:Graph:AccessToken"] = "loopback-token",
            ["Outreach:Graph:RetryDelaySeconds"] = "0",
            ["Outreach:Scan:CheckpointInterval"] = "00:00:00",
            ["Outreach:Digest:Enabled"] = "true",
            ["Outreach:Digest:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Outreach:Digest:PublicBaseUrl"] = baseUrl,
            ["Outreach:Pipeline:MailboxGroupId"] = EnrollmentGroupId,
        });
        builder.Services
            .AddOutreachCore(builder.Configuration)
            .AddOutreachPipeline(builder.Configuration)
            .AddOutreachInvitations(builder.Configuration)
            .AddOutreachDigest(builder.Configuration)
            .AddOutreachGraph(builder.Configuration)
            .AddOutreachStorage(builder.Configuration)
            .AddOutreachFunctions()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(AsOf))
            .AddTransient<ReviewPageFunction>()
            .AddTransient<ReviewSubmitFunction>()
            .AddMvcCore();

        var app = builder.Build();
        // The routes the functions declare (functions.metadata: GET and POST api/review, anonymous).
        app.MapGet("/api/review", (HttpContext context, ReviewPageFunction page) => RunAsync(context, page.RunAsync(context.Request, context.RequestAborted)));
        app.MapPost("/api/review", (HttpContext context, ReviewSubmitFunction submit) => RunAsync(context, submit.RunAsync(context.Request, context.RequestAborted)));
        await app.StartAsync(cancellationToken);
        return new ReviewSite(app, graph, baseUrl);
    }

    /// <summary>Loads the sample as <paramref name="owner"/>'s mailbox, scans it and sends its digest; returns the digest email.</summary>
    public async Task<(DigestResult Digest, JsonObject Mail)> ScanAndSendDigestAsync(string owner, CancellationToken cancellationToken)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Sample", "sample-mailbox.json");
        var sample = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!;
        sample["mailbox"]!["userPrincipalName"] = owner;
        var doNotContact = sample["policy"]!["doNotContact"]!.AsArray().Select(e => (string)e!).ToList();
        var internalDomains = sample["policy"]!["internalDomains"]!.AsArray().Select(e => (string)e!).ToList();
        Graph.LoadSample(sample, AsOf);
        Graph.Mailbox(owner).SetProfile("Avery Quinn"); // the name the digest greets, as in the screenshots
        Graph.Group(EnrollmentGroupId).AddUser(owner);
        await Get<Outreach.Core.Enrollment.IMailboxEnrollment>().ListAsync(cancellationToken); // the weekly run's refresh of the members

        var request = new ScanRequest(owner, AsOf) { DoNotContact = doNotContact, InternalDomains = internalDomains };
        var scanner = Get<MailboxScanner>();
        await scanner.HarvestAsync(request, null, cancellationToken);
        var result = await scanner.EvaluateAsync(request, null, cancellationToken);
        await Get<IContactResultStore>().ReplaceAsync(owner, "browser-" + Guid.NewGuid().ToString("N")[..8], result.Contacts, cancellationToken);

        var digest = await Get<WeeklyDigest>().SendAsync(owner, AsOf, cancellationToken);
        if (digest.Outcome != DigestOutcome.Sent) throw new InvalidOperationException($"The digest was not sent: {digest.Outcome} {digest.Reason}");
        return (digest, Graph.Mailbox(owner).SentMail.Last());
    }

    private static async Task RunAsync(HttpContext context, Task<IActionResult> function)
    {
        var result = await function;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
