using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Benchmarks;

/// <summary>
/// In-process classification throughput on one thread, measured by BenchmarkDotNet: TouchpointRecorder.ApplyMail
/// over pages of 1000 synthetic messages (60 % inbox, 40 % sent) into a fresh state, then WarmthEvaluator.Evaluate.
/// One operation classifies <see cref="Touchpoints"/> touchpoints.
/// </summary>
public class ClassificationBenchmark
{
    private const string Owner = "avery@northwind.example";

    // Set by the orchestrator before the run: the InProcess toolchain runs this class in the same process.
    public static int Touchpoints { get; set; } = 1_000_000;
    public static int Contacts { get; set; } = 3000;
    public static DateTimeOffset AsOf { get; set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly WarmthEvaluator _evaluator = new(new WarmthPolicyOptions());
    private List<ChangePage<MailMessageRecord>> _inbox = [];
    private List<ChangePage<MailMessageRecord>> _sent = [];

    [GlobalSetup]
    public void Setup() => (_inbox, _sent) = Pages(Touchpoints, Contacts, AsOf);

    [Benchmark]
    public int ApplyAndEvaluate()
    {
        var state = MailboxState.Create(Owner);
        state.OwnerAddresses.Add(Owner);
        foreach (var page in _inbox) TouchpointRecorder.ApplyMail(state, MailFolderKind.Inbox, page);
        foreach (var page in _sent) TouchpointRecorder.ApplyMail(state, MailFolderKind.SentItems, page);
        return _evaluator.Evaluate(state, AsOf).Count;
    }

    /// <summary>The same messages every run: contact k·φ mod contacts, spread over 179 days, a thread per three.</summary>
    internal static (List<ChangePage<MailMessageRecord>> Inbox, List<ChangePage<MailMessageRecord>> Sent) Pages(int touchpoints, int contacts, DateTimeOffset asOf)
    {
        var inbox = new List<ChangePage<MailMessageRecord>>();
        var sent = new List<ChangePage<MailMessageRecord>>();
        var me = new EmailParticipant(Owner, "Avery");
        for (var start = 0; start < touchpoints; start += 1000)
        {
            var isInbox = start / 1000 % 5 < 3;
            var items = new List<MailMessageRecord>();
            for (var k = start; k < Math.Min(touchpoints, start + 1000); k++)
            {
                var c = (int)((k * 2654435761L) % contacts);
                var contact = new EmailParticipant($"contact{c}@partner{c % 97}.example", $"Contact {c}");
                var when = asOf.AddSeconds(-(179.0 * 86400 * k / touchpoints) - 60);
                items.Add(new MailMessageRecord($"m{k}", $"conv{k / 3}", when, when, false, "Re: proposal",
                    isInbox ? contact : me, [isInbox ? me : contact], [], []));
            }

            (isInbox ? inbox : sent).Add(new ChangePage<MailMessageRecord>(items, [], "cursor", false));
        }

        return (inbox, sent);
    }
}

/// <summary>Runs <see cref="ClassificationBenchmark"/> with a short in-process job and reads touchpoints/s off its mean.</summary>
internal static class Classification
{
    public sealed record Result(int Touchpoints, int Contacts, string Method, int Iterations, double MeanSeconds, double StdDevSeconds,
        double MinSeconds, double MaxSeconds, double TouchpointsPerSecond, string Log);

    public static Result Run(int touchpoints, int contacts, DateTimeOffset asOf, string artifacts)
    {
        ClassificationBenchmark.Touchpoints = touchpoints;
        ClassificationBenchmark.Contacts = contacts;
        ClassificationBenchmark.AsOf = asOf;
        const int iterations = 8;
        // In process (no child project to restore or build, so offline and fast); Monitoring: each
        // invocation is ~1 s of work, so no pilot stage or overhead subtraction; one warm-up, eight measured.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("short-inprocess");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(NullLogger.Instance) // BenchmarkDotNet's own log file (in the artifacts folder) has every line
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddValidator(JitOptimizationsValidator.FailOnError) // a Debug build measures nothing worth reporting
            .WithArtifactsPath(artifacts);
        var summary = BenchmarkRunner.Run<ClassificationBenchmark>(config);
        var log = summary.LogFilePath;
        var statistics = summary.Reports.SingleOrDefault()?.ResultStatistics
            ?? throw new InvalidOperationException($"BenchmarkDotNet produced no result; see {log}. {string.Join(" ", summary.ValidationErrors.Select(e => e.Message))}");
        var mean = statistics.Mean / 1e9;
        return new Result(touchpoints, contacts, "BenchmarkDotNet 0.15.8, InProcessEmitToolchain, RunStrategy.Monitoring, 1 warm-up + 8 iterations × 1 invocation, one thread",
            statistics.N, mean, statistics.StandardDeviation / 1e9, statistics.Min / 1e9, statistics.Max / 1e9, touchpoints / mean, log);
    }
}
