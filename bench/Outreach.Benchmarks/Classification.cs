using System.Diagnostics;
using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Benchmarks;

/// <summary>
/// In-process classification throughput on one thread (Stopwatch loop, not BenchmarkDotNet: its run time
/// did not fit the 10-minute budget next to the scans): TouchpointRecorder.ApplyMail over pages of 1000
/// synthetic messages into a fresh state, then WarmthEvaluator.Evaluate. Best of several rounds after a warm-up.
/// </summary>
internal static class Classification
{
    public sealed record Result(int Touchpoints, int Contacts, double BestSeconds, double MedianSeconds, double TouchpointsPerSecond);

    public static Result Run(int touchpoints, int contacts, DateTimeOffset asOf, int rounds)
    {
        const string owner = "avery@northwind.example";
        var inbox = new List<ChangePage<MailMessageRecord>>();
        var sent = new List<ChangePage<MailMessageRecord>>();
        for (var start = 0; start < touchpoints; start += 1000)
        {
            var items = new List<MailMessageRecord>();
            for (var k = start; k < Math.Min(touchpoints, start + 1000); k++)
            {
                var c = (int)((k * 2654435761L) % contacts);
                var contact = new EmailParticipant($"contact{c}@partner{c % 97}.example", $"Contact {c}");
                var me = new EmailParticipant(owner, "Avery");
                var when = asOf.AddSeconds(-(179.0 * 86400 * k / touchpoints) - 60);
                var isInbox = start / 1000 % 5 < 3;
                items.Add(new MailMessageRecord($"m{k}", $"conv{k / 3}", when, when, false, "Re: proposal",
                    isInbox ? contact : me, [isInbox ? me : contact], [], []));
            }

            (start / 1000 % 5 < 3 ? inbox : sent).Add(new ChangePage<MailMessageRecord>(items, [], "cursor", false));
        }

        var evaluator = new WarmthEvaluator(new WarmthPolicyOptions());
        var times = new List<double>();
        var contactCount = 0;
        for (var round = 0; round <= rounds; round++)
        {
            var state = MailboxState.Create(owner);
            state.OwnerAddresses.Add(owner);
            var stopwatch = Stopwatch.StartNew();
            foreach (var page in inbox) TouchpointRecorder.ApplyMail(state, MailFolderKind.Inbox, page);
            foreach (var page in sent) TouchpointRecorder.ApplyMail(state, MailFolderKind.SentItems, page);
            contactCount = evaluator.Evaluate(state, asOf).Count;
            stopwatch.Stop();
            if (round > 0) times.Add(stopwatch.Elapsed.TotalSeconds); // round 0 warms up the JIT
        }

        times.Sort();
        var best = times[0];
        return new Result(touchpoints, contactCount, best, times[times.Count / 2], touchpoints / best);
    }
}
