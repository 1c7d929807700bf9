using System.Diagnostics;
using Outreach.Core.Sources;
using Outreach.Core.Telemetry;

namespace Outreach.Graph;

/// <summary>
/// Counts every request that reaches the wire (so retries count) for the current harvest, and for telemetry:
/// a client activity per attempt and the requests and 429s by endpoint name (<see cref="GraphEndpoints"/>). The
/// activity carries the endpoint name and status, never the URL, which holds the mailbox.
/// </summary>
internal sealed class GraphRequestCountingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SourceRequestMeter.Record();
        var endpoint = GraphEndpoints.NameOf(request.RequestUri);
        var method = KnownMethod(request.Method);
        using var activity = OutreachTelemetry.Source.StartActivity($"{method} {endpoint}", ActivityKind.Client);
        activity?.SetTag("graph.endpoint", endpoint);
        activity?.SetTag("http.request.method", method);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (status >= 400) activity?.SetStatus(ActivityStatusCode.Error);
            OutreachTelemetry.GraphRequest(endpoint, status);
            return response;
        }
        catch (Exception error)
        {
            activity.Failed(error);
            OutreachTelemetry.GraphRequest(endpoint, null);
            throw;
        }
    }

    /// <summary>The method if it is one HTTP defines, else "_OTHER" (the OpenTelemetry convention).</summary>
    private static string KnownMethod(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Post || method == HttpMethod.Patch || method == HttpMethod.Put
        || method == HttpMethod.Delete || method == HttpMethod.Head || method == HttpMethod.Options
            ? method.Method
            : "_OTHER";
}
