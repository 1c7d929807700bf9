using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Outreach.Graph;

/// <summary>
/// The Graph client with the SDK's own middleware, configured rather than replaced: its retry handler
/// (which honours Retry-After on 429/503/504) gets our retry budget, and a per-mailbox concurrency limit
/// goes in front of the pipeline.
/// </summary>
public static class OutreachGraphClientFactory
{
    public static GraphServiceClient Create(GraphOptions options, IAuthenticationProvider authentication, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handlers = GraphClientFactory.CreateDefaultHandlers().ToList();
        var retry = handlers.FindIndex(h => h is RetryHandler);
        var configured = new RetryHandler(new RetryHandlerOption
        {
            MaxRetry = options.MaxRetries,
            Delay = options.RetryDelaySeconds,
        });
        if (retry >= 0) handlers[retry] = configured;
        else handlers.Insert(0, configured);
        handlers.Insert(0, new MailboxConcurrencyHandler(options.MaxConcurrentRequestsPerMailbox));
        // Innermost, after the retry handler: every attempt on the wire is counted.
        handlers.Add(new GraphRequestCountingHandler());

        var pipeline = GraphClientFactory.CreatePipeline(handlers, transport ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        });
        var http = new HttpClient(pipeline) { Timeout = TimeSpan.FromMinutes(5) };
        return new GraphServiceClient(http, authentication, options.BaseUrl.TrimEnd('/'));
    }
}
