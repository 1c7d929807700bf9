using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Pipeline;

namespace Outreach.Functions.Pipeline;

/// <summary>The weekly run: queues one harvest per mailbox in scope, then returns (seconds, whatever the count).</summary>
public sealed class WeeklyScanFunction(ScanPipeline pipeline)
{
    [Function(nameof(WeeklyScanFunction))]
    public Task RunAsync(
        [TimerTrigger("%" + QueueSettings.WeeklyScheduleSetting + "%")] TimerInfo timer,
        CancellationToken cancellationToken) =>
        pipeline.StartWeeklyAsync(cancellationToken);
}
