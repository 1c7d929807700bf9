using System.Globalization;
using System.Text.Json;
using Outreach.Testing.Graph.Internal;

namespace Outreach.Testing.Graph;

/// <summary>
/// A deterministic mailbox that exists only as a function of an index: message k of a folder and event k
/// are written straight to JSON when a page asks for them, so a million messages cost no memory.
/// Every message is received within the 180-day text window and every event lies in the calendar window,
/// so the physical minimum is ceil(items / 1000) requests per feed.
/// Besides the regular contacts (hashed over every message) it holds <paramref name="sparse"/> sparse contacts
/// (issue 11): low volume, their only reply 100–170 days old and one or two mails from the owner; they are merged
/// into each folder's newest-first order, so a reader that stops at Graph's 5,000-message delta cap misses them.
/// A folder is sorted newest first (index 0 = newest), so a receivedDateTime range is an index range.
/// Served by <see cref="GraphLoopbackServer"/> (<see cref="GraphLoopbackServer.AddGenerated"/>) straight from the
/// index, page by page: message delta and list per folder, calendarView delta, and the plain /messages and /events.
/// It never changes, so a delta link returns nothing new. Made for the benchmark (bench/Outreach.Benchmarks).
/// </summary>
public sealed class GeneratedMailbox
{
    // About 2 KB of HTML per message body: a short business mail. Real bodies are often larger.
    private static readonly string Body = "<html><body><p>" + string.Concat(Enumerable.Repeat(
        "Thanks for the call notes; attaching the revised proposal and the timeline we discussed. ", 22)) + "</p></body></html>";

    private static readonly string EventBody = "<html><body><p>" + string.Concat(Enumerable.Repeat("Agenda: review, next steps. ", 18)) + "</p></body></html>";

    private readonly int _inboxRegular;
    private readonly int _sentRegular;
    private readonly SparseMessage[] _sparseInbox;
    private readonly SparseMessage[] _sparseSent;
    private readonly int[] _sparseInboxAt;
    private readonly int[] _sparseSentAt;

    public GeneratedMailbox(string owner, int messages, int contacts, int events, DateTimeOffset asOf, int sparse = 0)
    {
        Owner = owner;
        Contacts = Math.Max(1, contacts);
        EventCount = events;
        AsOf = asOf;
        SparseContacts = sparse;
        _inboxRegular = messages * 6 / 10;
        _sentRegular = messages - messages * 6 / 10;
        var inbox = new List<SparseMessage>();
        var sent = new List<SparseMessage>();
        for (var j = 0; j < sparse; j++)
        {
            // The only reply: 100–170 days old. The owner wrote once around then, and j % 4 != 3 also lately
            // (20–79 days ago), which makes three mails each way within 90 days of the last: flagged when the
            // whole window is read, below threshold (no reply) when the old reply is missed.
            var replyAge = 100 + (j * 37 % 71);
            inbox.Add(new SparseMessage(Days(replyAge, j), j));
            sent.Add(new SparseMessage(Days(replyAge + 1, j), j));
            if (j % 4 != 3) sent.Add(new SparseMessage(Days(20 + (j * 13 % 60), j), j));
        }

        _sparseInbox = [.. inbox.OrderByDescending(m => m.Ticks).ThenBy(m => m.Contact)];
        _sparseSent = [.. sent.OrderByDescending(m => m.Ticks).ThenBy(m => m.Contact)];
        _sparseInboxAt = Positions(_sparseInbox, _inboxRegular, true);
        _sparseSentAt = Positions(_sparseSent, _sentRegular, false);
        InboxCount = _inboxRegular + _sparseInbox.Length;
        SentCount = _sentRegular + _sparseSent.Length;
    }

    public string Owner { get; }
    public int InboxCount { get; }
    public int SentCount { get; }
    public int EventCount { get; }
    public int Contacts { get; }
    public int SparseContacts { get; }
    public DateTimeOffset AsOf { get; }

    public int Count(string folder) => folder switch
    {
        "inbox" => InboxCount,
        "sentitems" => SentCount,
        "all" => InboxCount + SentCount,
        "events" => EventCount,
        _ => 0,
    };

    private readonly record struct SparseMessage(long Ticks, int Contact);

    /// <summary>What message k of a folder is, without JSON: the generator and the independent evaluation share it.</summary>
    public readonly record struct MessageInfo(bool Inbox, int K, long Seed, long Ticks, int Contact, int Cc, bool Unsubscribe, int Sparse);

    // Whole seconds, a little after a whole minute, so the JSON stamp is the exact time.
    private long Days(int days, int j) => AsOf.UtcTicks - TimeSpan.TicksPerDay * days - TimeSpan.TicksPerSecond * (3600 + j % 3000);

    private long RegularTicks(int k, int count) =>
        AsOf.UtcTicks - TimeSpan.TicksPerSecond * (60 + 179L * 86400 * k / Math.Max(1, count));

    /// <summary>Where each sparse message sits in the merged newest-first order (after regular ones of the same second).</summary>
    private int[] Positions(SparseMessage[] sparse, int regular, bool inbox)
    {
        var at = new int[sparse.Length];
        for (var j = 0; j < sparse.Length; j++)
        {
            // Regular messages at least as new: the first k whose time is older than the sparse message.
            int lo = 0, hi = regular;
            while (lo < hi)
            {
                var mid = (int)(((long)lo + hi) / 2);
                if (RegularTicks(mid, regular) >= sparse[j].Ticks) lo = mid + 1;
                else hi = mid;
            }

            at[j] = lo + j;
        }

        _ = inbox;
        return at;
    }

    private static string Contact(int c) => $"contact{c}@partner{c % 97}.example";

    private static string SparseAddress(int j) => $"sparse{j}@quiet{j % 31}.example";

    private int ContactOf(long k) => (int)((k * 2654435761L) % Contacts);

    /// <summary>The address of a contact id: regular ids below <see cref="Contacts"/>, sparse ones after.</summary>
    public string Address(int contact) => contact < Contacts ? Contact(contact) : SparseAddress(contact - Contacts);

    public MessageInfo Describe(bool inbox, int i)
    {
        var positions = inbox ? _sparseInboxAt : _sparseSentAt;
        var s = Array.BinarySearch(positions, i);
        if (s >= 0)
        {
            var m = (inbox ? _sparseInbox : _sparseSent)[s];
            return new MessageInfo(inbox, i, -1, m.Ticks, Contacts + m.Contact, -1, false, m.Contact);
        }

        var k = i - ~s; // minus the sparse messages before it
        var count = inbox ? _inboxRegular : _sentRegular;
        var seed = inbox ? k : k + 7_000_000L;
        return new MessageInfo(inbox, k, seed, RegularTicks(k, count), ContactOf(seed), seed % 4 == 0 ? ContactOf(seed + 1) : -1, inbox && seed % 20 == 0, -1);
    }

    /// <summary>
    /// The index range [start, end) of a folder's messages received in the range the filter names
    /// (lower: ge/gt, upper: lt/le; null: open). The folder is newest first, so both ends are binary searches.
    /// </summary>
    public (int Start, int End) Range(bool inbox, DateTimeOffset? lower, bool lowerInclusive, DateTimeOffset? upper, bool upperInclusive)
    {
        var count = inbox ? InboxCount : SentCount;
        var start = upper is { } u ? First(count, t => upperInclusive ? t <= u.UtcTicks : t < u.UtcTicks) : 0;
        var end = lower is { } l ? First(count, t => lowerInclusive ? t < l.UtcTicks : t <= l.UtcTicks) : count;
        return (start, Math.Max(start, end));

        int First(int n, Func<long, bool> holds)
        {
            int lo = 0, hi = n;
            while (lo < hi)
            {
                var mid = (int)(((long)lo + hi) / 2);
                if (holds(Describe(inbox, mid).Ticks)) hi = mid;
                else lo = mid + 1;
            }

            return lo;
        }
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Message k of the folder ("all": the inbox, then sent items, as /messages lists them).</summary>
    internal void WriteMessage(Utf8JsonWriter w, string folder, int k, MessageFields f)
    {
        if (folder == "all")
        {
            if (k >= InboxCount) { folder = "sentitems"; k -= InboxCount; }
            else folder = "inbox";
        }

        var inbox = folder == "inbox";
        var info = Describe(inbox, k);
        var seed = info.Seed;
        var received = new DateTimeOffset(info.Ticks, TimeSpan.Zero);
        var contact = Address(info.Contact);
        var id = info.Sparse >= 0 ? $"AAMkP{(inbox ? 'I' : 'S')}{k:D8}" : $"AAMk{(inbox ? 'I' : 'S')}{info.K:D8}";
        var conversation = info.Sparse >= 0 ? $"SPRS{info.Sparse:D7}" : $"CONV{(seed / 3) % 1_000_000:D7}";
        k = info.K;
        w.WriteStartObject();
        if (f.All) w.WriteString("@odata.etag", $"W/\"CQAAABYAAAB{k:D8}\"");
        w.WriteString("id", id);
        if (f.All)
        {
            w.WriteString("createdDateTime", Stamp(received));
            w.WriteString("lastModifiedDateTime", Stamp(received));
            w.WriteString("changeKey", $"CQAAABYAAAB{k:D8}");
            w.WriteStartArray("categories"); w.WriteEndArray();
        }

        if (f.Has("receivedDateTime")) w.WriteString("receivedDateTime", Stamp(received));
        if (f.Has("sentDateTime")) w.WriteString("sentDateTime", Stamp(received.AddSeconds(-5)));
        if (f.All)
        {
            w.WriteBoolean("hasAttachments", k % 7 == 0);
            w.WriteString("internetMessageId", $"<{id}@mail.example>");
        }

        if (f.Has("subject")) w.WriteString("subject", info.Sparse >= 0 ? "Checking in" : $"Re: proposal {seed % 1000}");
        if (f.All)
        {
            w.WriteString("bodyPreview", "Thanks for the call notes; attaching the revised proposal and the timeline we discussed.");
            w.WriteString("importance", "normal");
            w.WriteString("parentFolderId", inbox ? "AQMkInbox" : "AQMkSent");
            w.WriteString("conversationIndex", "AQHZ" + k.ToString("D8", CultureInfo.InvariantCulture));
            w.WriteBoolean("isDeliveryReceiptRequested", false);
            w.WriteBoolean("isReadReceiptRequested", false);
            w.WriteBoolean("isRead", true);
        }

        if (f.Has("conversationId")) w.WriteString("conversationId", conversation);
        if (f.Has("isDraft")) w.WriteBoolean("isDraft", false);
        if (f.All)
        {
            w.WriteString("webLink", $"https://outlook.office365.com/owa/?ItemID={id}&exvsurl=1&viewmodel=ReadMessageItem");
            w.WriteString("inferenceClassification", "focused");
            w.WriteStartObject("body"); w.WriteString("contentType", "html"); w.WriteString("content", Body); w.WriteEndObject();
        }

        var from = inbox ? contact : Owner;
        if (f.Has("sender")) Address(w, "sender", from);
        if (f.Has("from")) Address(w, "from", from);
        if (f.Has("toRecipients")) Addresses(w, "toRecipients", inbox ? Owner : contact);
        if (f.Has("ccRecipients"))
        {
            if (info.Cc >= 0) Addresses(w, "ccRecipients", Address(info.Cc));
            else { w.WriteStartArray("ccRecipients"); w.WriteEndArray(); }
        }

        if (f.All)
        {
            w.WriteStartArray("bccRecipients"); w.WriteEndArray();
            w.WriteStartArray("replyTo"); w.WriteEndArray();
            w.WriteStartObject("flag"); w.WriteString("flagStatus", "notFlagged"); w.WriteEndObject();
        }

        if (!f.All && f.Has("internetMessageHeaders"))
        {
            // A real envelope carries a dozen headers; these are the ones that matter plus typical noise.
            w.WriteStartArray("internetMessageHeaders");
            Header(w, "Received", "from mail.partner.example by mx.example with ESMTPS");
            Header(w, "Message-ID", $"<{id}@mail.example>");
            Header(w, "Content-Type", "multipart/alternative; boundary=\"b1\"");
            Header(w, "MIME-Version", "1.0");
            if (info.Unsubscribe) Header(w, "List-Unsubscribe", "<mailto:unsubscribe@news.example>");
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>Event k's start (whole seconds, so the JSON is exact), its contacts and whether it is cancelled.</summary>
    public (DateTimeOffset Start, int Contact, int Second, bool Cancelled, bool Online) DescribeEvent(int k)
    {
        var start = AsOf.AddDays(-725 + (810.0 * k / Math.Max(1, EventCount))).AddMinutes(-AsOf.Minute);
        start = new DateTimeOffset(start.UtcTicks - start.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return (start, ContactOf(k + 13_000_000L), k % 5 == 0 ? ContactOf(k + 14_000_000L) : -1, k % 50 == 0, k % 3 != 0);
    }

    /// <summary>Event k: weekly-ish meetings across [asOf − 730 d, asOf + 90 d], some online, some in person.</summary>
    internal void WriteEvent(Utf8JsonWriter w, int k)
    {
        var (start, contactId, secondId, cancelled, online) = DescribeEvent(k);
        var contact = Contact(contactId);
        w.WriteStartObject();
        w.WriteString("@odata.etag", $"W/\"DwAAABYAAAB{k:D8}\"");
        w.WriteString("id", $"AAMkE{k:D8}");
        w.WriteString("createdDateTime", Stamp(start.AddDays(-7)));
        w.WriteString("lastModifiedDateTime", Stamp(start.AddDays(-7)));
        w.WriteString("changeKey", $"DwAAABYAAAB{k:D8}");
        w.WriteString("subject", $"Sync {k % 500}");
        w.WriteString("bodyPreview", "Agenda: review, next steps.");
        w.WriteBoolean("isCancelled", cancelled);
        w.WriteBoolean("isOnlineMeeting", online);
        w.WriteString("onlineMeetingProvider", online ? "teamsForBusiness" : "unknown");
        w.WriteString("type", "singleInstance");
        w.WriteString("showAs", "busy");
        w.WriteStartObject("responseStatus"); w.WriteString("response", "organizer"); w.WriteString("time", "0001-01-01T00:00:00Z"); w.WriteEndObject();
        w.WriteStartObject("body"); w.WriteString("contentType", "html"); w.WriteString("content", EventBody); w.WriteEndObject();
        w.WriteStartObject("start"); w.WriteString("dateTime", start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.0000000", CultureInfo.InvariantCulture)); w.WriteString("timeZone", "UTC"); w.WriteEndObject();
        w.WriteStartObject("end"); w.WriteString("dateTime", start.AddMinutes(30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.0000000", CultureInfo.InvariantCulture)); w.WriteString("timeZone", "UTC"); w.WriteEndObject();
        w.WriteStartObject("location");
        w.WriteString("displayName", online ? "Microsoft Teams Meeting" : "Fourth Coffee, Pike St");
        w.WriteString("locationType", "default");
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject(); w.WriteString("displayName", online ? "Microsoft Teams Meeting" : "Fourth Coffee, Pike St"); w.WriteString("locationType", "default"); w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("attendees");
        Attendee(w, contact, "accepted");
        if (secondId >= 0) Attendee(w, Contact(secondId), "tentativelyAccepted");
        w.WriteEndArray();
        w.WriteStartObject("organizer"); Email(w, Owner); w.WriteEndObject();
        if (online)
        {
            w.WriteStartObject("onlineMeeting");
            w.WriteString("joinUrl", $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{k:D8}%40thread.v2/0");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("onlineMeeting");
        }

        w.WriteEndObject();
    }

    private static void Header(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartObject(); w.WriteString("name", name); w.WriteString("value", value); w.WriteEndObject();
    }

    private static void Attendee(Utf8JsonWriter w, string address, string response)
    {
        w.WriteStartObject();
        w.WriteString("type", "required");
        w.WriteStartObject("status"); w.WriteString("response", response); w.WriteString("time", "0001-01-01T00:00:00Z"); w.WriteEndObject();
        Email(w, address);
        w.WriteEndObject();
    }

    private static void Address(Utf8JsonWriter w, string property, string address)
    {
        w.WriteStartObject(property); Email(w, address); w.WriteEndObject();
    }

    private static void Addresses(Utf8JsonWriter w, string property, string address)
    {
        w.WriteStartArray(property); w.WriteStartObject(); Email(w, address); w.WriteEndObject(); w.WriteEndArray();
    }

    private static void Email(Utf8JsonWriter w, string address)
    {
        w.WriteStartObject("emailAddress");
        w.WriteString("name", address.Split('@')[0]);
        w.WriteString("address", address);
        w.WriteEndObject();
    }
}
