using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Pipeline;
using Outreach.Core.Telemetry;

namespace Outreach.Functions.Pipeline;

/// <summary>Stage 1: harvest one mailbox's changes, then queue its evaluation.</summary>
public sealed class HarvestFunction(ScanPipeline pipeline)
{
    /// <param name="dequeueCount">Bound by name from the queue trigger's metadata: 1 on the first delivery.</param>
    [Function(nameof(HarvestFunction))]
    public async Task RunAsync(
        [QueueTrigger(QueueNames.Harvest, Connection = QueueSettings.Connection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        if (!PipelineMessageReader.TryReadHarvest(message, out var harvest, out var reason))
        {
            await pipeline.RejectAsync(QueueNames.Harvest, message, reason, cancellationToken);
            return;
        }

        // The scan's trace continues here: a child of the work that queued the message.
        using var activity = QueueTrace.StartStage("scan.harvest", harvest.TraceParent, harvest.ScanId, dequeueCount);
        try
        {
            await pipeline.HarvestAsync(harvest, Math.Max(1, dequeueCount), QueueSettings.MaxDequeueCount, cancellationToken);
        }
        catch (Exception error)
        {
            activity.Failed(error);
            throw;
        }
    }
}
