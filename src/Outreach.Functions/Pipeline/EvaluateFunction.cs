using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Pipeline;

namespace Outreach.Functions.Pipeline;

/// <summary>Stage 2: apply the warmth policy and store each contact's status, score and reasons.</summary>
public sealed class EvaluateFunction(ScanPipeline pipeline)
{
    [Function(nameof(EvaluateFunction))]
    public async Task RunAsync(
        [QueueTrigger(QueueNames.Evaluate, Connection = QueueSettings.Connection)] string message,
        CancellationToken cancellationToken)
    {
        if (!PipelineMessageReader.TryReadEvaluate(message, out var evaluate, out var reason))
        {
            await pipeline.RejectAsync(QueueNames.Evaluate, message, reason, cancellationToken);
            return;
        }

        await pipeline.EvaluateAsync(evaluate, cancellationToken);
    }
}
