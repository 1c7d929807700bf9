using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Policy;

/// <summary>
/// A contact's text touchpoints within the look-back, as counts. The threshold counts every text channel
/// (<see cref="Total"/>); <see cref="Channels"/> says how many came on each, so reasons can name them.
/// </summary>
internal readonly record struct TextSummary(int Sent, int Received, int Conversations, DateTimeOffset? Last, ChannelCounts Channels = default)
{
    public int Total => Sent + Received;

    /// <summary>Only email (or nothing): the reasons keep their email wording, word for word as before issue 13.</summary>
    public bool EmailOnly => Channels.TeamsChat == 0 && Channels.LinkedIn == 0;

    /// <param name="imported">The contact's imported touchpoints (LinkedIn), kept apart from the harvested state.</param>
    /// <param name="scratch">A set to count conversations in, reused across contacts (cleared here) to spare an allocation per contact.</param>
    public static TextSummary Of(ContactLedger? ledger, DateTimeOffset asOf, int lookbackDays, HashSet<ulong>? scratch = null, TouchpointList? imported = null)
    {
        if (ledger is null && imported is null) return default;
        var window = new Window(asOf.AddDays(-lookbackDays).UtcTicks, asOf.UtcTicks);
        var conversations = scratch ?? new HashSet<ulong>();
        conversations.Clear();
        var email = Count(ledger?.Texts, window, conversations);
        var chats = Count(ledger?.TeamsChats, window, conversations);
        var linkedIn = Count(imported, window, conversations);
        var sent = email.Sent + chats.Sent + linkedIn.Sent;
        var received = email.Received + chats.Received + linkedIn.Received;
        var last = Math.Max(email.Last, Math.Max(chats.Last, linkedIn.Last));
        var channels = new ChannelCounts(email.Sent + email.Received, chats.Sent + chats.Received, linkedIn.Sent + linkedIn.Received);

        // Pruned or never in the window: the latest touch ever is still worth telling.
        if (last < 0)
        {
            var ever = Latest(ledger?.LastTextAt, imported is { Count: > 0 } ? LatestOf(imported) : null);
            if (ever is { } e && e <= asOf) return new TextSummary(0, 0, 0, e);
        }

        return new TextSummary(sent, received, conversations.Count, last < 0 ? null : new DateTimeOffset(last, TimeSpan.Zero), channels);
    }

    private readonly record struct Window(long From, long To);

    private readonly record struct Tally(int Sent, int Received, long Last);

    /// <summary>The hot loop: one channel's span, no allocation (the email list is every mailbox's bulk).</summary>
    private static Tally Count(TouchpointList? list, Window window, HashSet<ulong> conversations)
    {
        if (list is null) return new Tally(0, 0, -1);
        int sent = 0, received = 0;
        long last = -1;
        foreach (ref readonly var t in list.AsSpan())
        {
            var ticks = t.UtcTicks;
            if (ticks < window.From || ticks > window.To) continue;
            if (t.Direction == TextDirection.Sent) sent++;
            else received++;
            // A message without a conversation id is a thread of its own.
            conversations.Add(t.ConversationKey != 0 ? t.ConversationKey : t.MessageKey);
            if (ticks > last) last = ticks;
        }

        return new Tally(sent, received, last);
    }

    private static DateTimeOffset? LatestOf(TouchpointList list)
    {
        long last = -1;
        foreach (ref readonly var t in list.AsSpan()) last = Math.Max(last, t.UtcTicks);
        return last < 0 ? null : new DateTimeOffset(last, TimeSpan.Zero);
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);

    /// <summary>"email"/"emails" while only email counted, else "message"/"messages".</summary>
    public string Noun(int n) => EmailOnly ? Wording.Count(n, "email", "emails") : Wording.Count(n, "message", "messages");

    public string Describe(int lookbackDays, DateTimeOffset asOf) =>
        Total == 0
            ? (Last is { } ever ? $"no emails in {lookbackDays} days (last {Wording.DaysAgo(ever, asOf)})" : "no emails")
            : EmailOnly
                ? $"{Wording.Count(Total, "email", "emails")} in {lookbackDays} days, {Received} from them"
                : $"{Noun(Total)} in {lookbackDays} days: {Wording.Channels(Channels)}; {Received} from them";
}
