using Outreach.Core.Sources;

namespace Outreach.Graph;

/// <summary>Counts every request that reaches the wire (so retries count) for the current harvest.</summary>
internal sealed class GraphRequestCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SourceRequestMeter.Record();
        return base.SendAsync(request, cancellationToken);
    }
}
