using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Policy;

/// <summary>A contact's text touchpoints within the look-back, as counts.</summary>
internal readonly record struct TextSummary(int Sent, int Received, int Conversations, DateTimeOffset? Last)
{
    public int Total => Sent + Received;

    public static TextSummary Of(ContactLedger? ledger, DateTimeOffset asOf, int lookbackDays)
    {
        if (ledger is null) return default;
        var from = asOf.AddDays(-lookbackDays);
        int sent = 0, received = 0;
        DateTimeOffset? last = null;
        var conversations = new HashSet<ulong>();
        foreach (var t in ledger.Texts)
        {
            if (t.At < from || t.At > asOf) continue;
            if (t.Direction == TextDirection.Sent) sent++;
            else received++;
            // A message without a conversation id is a thread of its own.
            conversations.Add(t.ConversationKey != 0 ? t.ConversationKey : t.MessageKey);
            if (last is null || t.At > last) last = t.At;
        }

        // Pruned or never in the window: the latest touch ever is still worth telling.
        if (last is null && ledger.LastTextAt is { } ever && ever <= asOf) return new TextSummary(0, 0, 0, ever);
        return new TextSummary(sent, received, conversations.Count, last);
    }

    public string Describe(int lookbackDays, DateTimeOffset asOf) =>
        Total == 0
            ? (Last is { } ever ? $"no emails in {lookbackDays} days (last {Wording.DaysAgo(ever, asOf)})" : "no emails")
            : $"{Wording.Count(Total, "email", "emails")} in {lookbackDays} days, {Received} from them";
}
