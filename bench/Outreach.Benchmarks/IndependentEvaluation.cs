using Outreach.Testing.Graph;

namespace Outreach.Benchmarks;

/// <summary>
/// The statuses a correct scan must produce, worked out from the generated mailbox's own definition — not
/// from anything the product reads or decides (it does not call WarmthEvaluator, TouchpointRecorder or the
/// reader). The rules are the documented defaults written out again (README "How a contact is judged";
/// WarmthPolicyOptions' defaults): excluded (a List-Unsubscribe header on a mail from them) &gt; met (a
/// meeting within 730 days, not cancelled) &gt; scheduled (within 90 days ahead) &gt; flagged (≥ 3 mails in
/// 180 days, at least one each way, the last within 90 days) &gt; below threshold.
/// Every message of the 180-day window counts: this is what reading past Graph's 5,000-message cap must give.
/// </summary>
internal static class IndependentEvaluation
{
    private const int TextDays = 180, MinTexts = 3, RecentDays = 90, MeetingDays = 730, AheadDays = 90;

    public static Dictionary<string, string> Statuses(GeneratedMailbox mailbox)
    {
        var n = mailbox.Contacts + mailbox.SparseContacts;
        var sent = new int[n];
        var received = new int[n];
        var last = new long[n];
        var automated = new bool[n];
        var met = new bool[n];
        var scheduled = new bool[n];
        var from = mailbox.AsOf.AddDays(-TextDays).UtcTicks;
        var to = mailbox.AsOf.UtcTicks;
        Array.Fill(last, long.MinValue);

        for (var i = 0; i < mailbox.InboxCount; i++)
        {
            var m = mailbox.Describe(inbox: true, i);
            if (m.Ticks < from || m.Ticks > to) continue;
            received[m.Contact]++;
            last[m.Contact] = Math.Max(last[m.Contact], m.Ticks);
            automated[m.Contact] |= m.Unsubscribe;
        }

        for (var i = 0; i < mailbox.SentCount; i++)
        {
            var m = mailbox.Describe(inbox: false, i);
            var at = m.Ticks - 5 * TimeSpan.TicksPerSecond; // sentDateTime is five seconds before receipt
            if (at < from || at > to) continue;
            sent[m.Contact]++;
            last[m.Contact] = Math.Max(last[m.Contact], at);
            if (m.Cc >= 0 && m.Cc != m.Contact)
            {
                sent[m.Cc]++;
                last[m.Cc] = Math.Max(last[m.Cc], at);
            }
        }

        var seen = new bool[n];
        for (var k = 0; k < mailbox.EventCount; k++)
        {
            var e = mailbox.DescribeEvent(k);
            seen[e.Contact] = true;
            if (e.Second >= 0) seen[e.Second] = true;
            if (e.Cancelled) continue;
            var days = (e.Start - mailbox.AsOf).TotalDays;
            if (days < -MeetingDays || days > AheadDays) continue;
            var past = e.Start <= mailbox.AsOf;
            foreach (var c in e.Second >= 0 ? new[] { e.Contact, e.Second } : [e.Contact])
            {
                if (past) met[c] = true;
                else scheduled[c] = true;
            }
        }

        var statuses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < n; c++)
        {
            var texts = sent[c] + received[c];
            if (texts == 0 && !seen[c]) continue; // never in this mailbox
            string status;
            if (automated[c]) status = "excluded";
            else if (met[c]) status = "met";
            else if (scheduled[c]) status = "scheduled";
            else if (texts >= MinTexts && sent[c] > 0 && received[c] > 0 && to - last[c] <= TimeSpan.TicksPerDay * RecentDays) status = "flagged";
            else status = "below-threshold";
            statuses[mailbox.Address(c)] = status;
        }

        return statuses;
    }

    /// <summary>Contacts whose status differs (or that one side lacks), with a few examples for the report.</summary>
    public static (int Compared, int Mismatches, IReadOnlyList<string> Examples, Dictionary<string, int> ByTransition) Compare(
        IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        var mismatches = 0;
        var examples = new List<string>();
        var byTransition = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var address in expected.Keys.Union(actual.Keys, StringComparer.OrdinalIgnoreCase))
        {
            var want = expected.GetValueOrDefault(address) ?? "(absent)";
            var got = actual.GetValueOrDefault(address) ?? "(absent)";
            if (string.Equals(want, got, StringComparison.Ordinal)) continue;
            mismatches++;
            var key = $"{want} → {got}";
            byTransition[key] = byTransition.GetValueOrDefault(key) + 1;
            if (examples.Count < 3) examples.Add($"{address.Split('@')[0]}@…: expected {want}, scan said {got}");
        }

        return (expected.Count, mismatches, examples, byTransition);
    }
}
