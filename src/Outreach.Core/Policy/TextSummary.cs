using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Policy;

/// <summary>A contact's text touchpoints within the look-back, as counts.</summary>
internal readonly record struct TextSummary(int Sent, int Received, int Conversations, DateTimeOffset? Last)
{
    public int Total => Sent + Received;

    /// <param name="scratch">A set to count conversations in, reused across contacts (cleared here) to spare an allocation per contact.</param>
    public static TextSummary Of(ContactLedger? ledger, DateTimeOffset asOf, int lookbackDays, HashSet<ulong>? scratch = null)
    {
        if (ledger is null) return default;
        var from = asOf.AddDays(-lookbackDays).UtcTicks;
        var to = asOf.UtcTicks;
        int sent = 0, received = 0;
        long last = -1;
        var texts = ledger.Texts.AsSpan();
        var conversations = scratch ?? new HashSet<ulong>(texts.Length);
        conversations.Clear();
        foreach (ref readonly var t in texts)
        {
            var ticks = t.UtcTicks;
            if (ticks < from || ticks > to) continue;
            if (t.Direction == TextDirection.Sent) sent++;
            else received++;
            // A message without a conversation id is a thread of its own.
            conversations.Add(t.ConversationKey != 0 ? t.ConversationKey : t.MessageKey);
            if (ticks > last) last = ticks;
        }

        // Pruned or never in the window: the latest touch ever is still worth telling.
        if (last < 0 && ledger.LastTextAt is { } ever && ever <= asOf) return new TextSummary(0, 0, 0, ever);
        return new TextSummary(sent, received, conversations.Count, last < 0 ? null : new DateTimeOffset(last, TimeSpan.Zero));
    }

    public string Describe(int lookbackDays, DateTimeOffset asOf) =>
        Total == 0
            ? (Last is { } ever ? $"no emails in {lookbackDays} days (last {Wording.DaysAgo(ever, asOf)})" : "no emails")
            : $"{Wording.Count(Total, "email", "emails")} in {lookbackDays} days, {Received} from them";
}
