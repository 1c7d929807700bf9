using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Pipeline;
using Outreach.Core.Telemetry;

namespace Outreach.Functions.Pipeline;

/// <summary>Stage 2: apply the warmth policy and store each contact's status, score and reasons.</summary>
public sealed class EvaluateFunction(ScanPipeline pipeline)
{
    /// <param name="dequeueCount">Bound by name from the queue trigger's metadata: 1 on the first delivery.</param>
    [Function(nameof(EvaluateFunction))]
    public async Task RunAsync(
        [QueueTrigger(QueueNames.Evaluate, Connection = QueueSettings.Connection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        if (!PipelineMessageReader.TryReadEvaluate(message, out var evaluate, out var reason))
        {
            await pipeline.RejectAsync(QueueNames.Evaluate, message, reason, cancellationToken);
            return;
        }

        // The last attempt that fails marks the scan failed before the host poisons the message.
        using var activity = QueueTrace.StartStage("scan.evaluate", evaluate.TraceParent, evaluate.ScanId, dequeueCount);
        try
        {
            await pipeline.EvaluateAsync(evaluate, Math.Max(1, dequeueCount), QueueSettings.MaxDequeueCount, cancellationToken);
        }
        catch (Exception error)
        {
            activity.Failed(error);
            throw;
        }
    }
}
