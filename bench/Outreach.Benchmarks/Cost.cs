namespace Outreach.Benchmarks;

/// <summary>
/// Cost per mailbox per month (issue 11) from the tenant run's measured counts: Flex Consumption on-demand
/// (memory × the time an instance executes, plus executions) and Azure Storage transactions, for a weekly
/// scan (≈ 4.35 a month). Prices and their sources are written beside the figure; free grants are ignored
/// (conservative).
/// </summary>
internal sealed record CostEstimate(
    double ScansPerMonth, double InstanceMemoryGb, double GbSecondsPerScan, double GbSecondsPerScanUpperBound, double ExecutionsPerScan,
    double StorageTransactionsPerScan, double FunctionsPerMailboxMonth, double StoragePerMailboxMonth, double TotalPerMailboxMonth,
    double TotalUpperBoundPerMailboxMonth, IReadOnlyList<string> Prices);

internal static class Cost
{
    public const double ScansPerMonth = 4.35; // weekly: 365.25 / 7 / 12

    // Flex Consumption, on demand, East US: $0.000026 per GB-s of instance memory while executing, $0.40 per
    // million executions. Source: modal.com, "Azure Functions pricing: Consumption vs. Flex Consumption"
    // (2025-05-22), quoting the Azure Functions pricing page; billing model: learn.microsoft.com "Azure Functions
    // Flex Consumption plan hosting" (billing: memory provisioned while an on-demand instance executes, plus executions).
    public const double GbSecond = 0.000026;
    public const double PerExecution = 0.40 / 1_000_000;

    // Flex Consumption's default instance memory (2,048 MB).
    public const double InstanceMemoryGb = 2.0;

    // Azure Storage transactions: no current price page was found in the searchable corpora, so this is an
    // explicit assumption: $0.065 per 10,000 for every transaction (table, queue, class 1 or 2). It is above
    // the published Standard LRS table and queue transaction prices we know of (cents or less per 10,000),
    // so the figure is an upper bound; storage capacity (a few hundred KB of state per mailbox) is not counted.
    public const double PerStorageTransaction = 0.065 / 10_000;

    public static CostEstimate Of(FanOut.Result run, FanOut.TenantFigures t)
    {
        // Per scanned mailbox: when the run ended with scans unfinished, the work done so far is shared by the
        // completed scans only (an overestimate, as unfinished ones had already been partly harvested).
        var mailboxes = Math.Max(1, Math.Min(run.Mailboxes, run.Completed));
        // One instance executes for the whole run (as on this machine: all mailboxes went through one process),
        // so the instance-seconds per scan are the wall time shared by the mailboxes. Upper bound: every
        // execution alone on its own instance (the sum of execution durations).
        var gbs = InstanceMemoryGb * run.WallSeconds / mailboxes;
        var gbsUpper = InstanceMemoryGb * t.ExecutionSeconds / mailboxes;
        var executions = (t.Executions + 1.0) / mailboxes; // + the timer that starts the weekly run
        var transactions = (double)(t.AppTableTransactions + t.AppQueueTransactions + t.HostQueueTransactions) / mailboxes;
        var storage = transactions * PerStorageTransaction * ScansPerMonth;
        var functions = (gbs * GbSecond + executions * PerExecution) * ScansPerMonth;
        var functionsUpper = (gbsUpper * GbSecond + executions * PerExecution) * ScansPerMonth;
        return new CostEstimate(ScansPerMonth, InstanceMemoryGb, gbs, gbsUpper, executions, transactions, functions, storage, functions + storage,
            functionsUpper + storage,
            [
                "Flex Consumption on demand: $0.000026 per GB-s, $0.40 per million executions (East US; modal.com pricing guide of 2025-05-22 quoting azure.microsoft.com/pricing/details/functions; free grants ignored)",
                "instance memory 2,048 MB (Flex Consumption default)",
                "Azure Storage: $0.065 per 10,000 transactions — an assumption (no price page found in the searchable corpora), chosen above the Standard LRS table/queue prices; capacity not counted",
                "weekly scan: 4.35 scans a month",
            ]);
    }
}
