using System.Globalization;
using System.Text.Json;

namespace Outreach.Benchmarks;

/// <summary>
/// A deterministic mailbox that exists only as a function of an index: message k of a folder and event k
/// are written straight to JSON when a page asks for them, so a million messages cost no memory.
/// Every message is received within the 180-day text window and every event lies in the calendar window,
/// so the physical minimum is ceil(items / 1000) requests per feed.
/// </summary>
internal sealed class GeneratedMailbox(string owner, int messages, int contacts, int events, DateTimeOffset asOf)
{
    // About 2 KB of HTML per message body: a short business mail. Real bodies are often larger.
    private static readonly string Body = "<html><body><p>" + string.Concat(Enumerable.Repeat(
        "Thanks for the call notes; attaching the revised proposal and the timeline we discussed. ", 22)) + "</p></body></html>";

    private static readonly string EventBody = "<html><body><p>" + string.Concat(Enumerable.Repeat("Agenda: review, next steps. ", 18)) + "</p></body></html>";

    public string Owner { get; } = owner;
    public int InboxCount { get; } = messages * 6 / 10;
    public int SentCount { get; } = messages - messages * 6 / 10;
    public int EventCount { get; } = events;
    public int Contacts { get; } = contacts;
    public DateTimeOffset AsOf { get; } = asOf;

    public int Count(string folder) => folder switch
    {
        "inbox" => InboxCount,
        "sentitems" => SentCount,
        "all" => InboxCount + SentCount,
        "events" => EventCount,
        _ => 0,
    };

    private string Contact(long k) => Contact((int)((k * 2654435761L) % Contacts));

    private static string Contact(int c) => $"contact{c}@partner{c % 97}.example";

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Message k of the folder ("all": the inbox, then sent items, as /messages lists them).</summary>
    public void WriteMessage(Utf8JsonWriter w, string folder, int k, MessageFields f)
    {
        if (folder == "all")
        {
            if (k >= InboxCount) { folder = "sentitems"; k -= InboxCount; }
            else folder = "inbox";
        }

        var inbox = folder == "inbox";
        var count = inbox ? InboxCount : SentCount;
        var seed = inbox ? k : k + 7_000_000L;
        // Spread over 179 days, newest first.
        var received = AsOf.AddSeconds(-(179.0 * 86400 * k / Math.Max(1, count)) - 60);
        var contact = Contact(seed);
        var id = $"AAMk{(inbox ? 'I' : 'S')}{k:D8}";
        var conversation = $"CONV{(seed / 3) % 1_000_000:D7}";
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

        if (f.Has("subject")) w.WriteString("subject", $"Re: proposal {seed % 1000}");
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
            if (seed % 4 == 0) Addresses(w, "ccRecipients", Contact(seed + 1));
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
            if (seed % 20 == 0) Header(w, "List-Unsubscribe", "<mailto:unsubscribe@news.example>");
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>Event k: weekly-ish meetings across [asOf − 730 d, asOf + 90 d], some online, some in person.</summary>
    public void WriteEvent(Utf8JsonWriter w, int k)
    {
        var start = AsOf.AddDays(-725 + (810.0 * k / Math.Max(1, EventCount))).AddMinutes(-(AsOf.Minute) + 0);
        var contact = Contact(k + 13_000_000L);
        var online = k % 3 != 0;
        w.WriteStartObject();
        w.WriteString("@odata.etag", $"W/\"DwAAABYAAAB{k:D8}\"");
        w.WriteString("id", $"AAMkE{k:D8}");
        w.WriteString("createdDateTime", Stamp(start.AddDays(-7)));
        w.WriteString("lastModifiedDateTime", Stamp(start.AddDays(-7)));
        w.WriteString("changeKey", $"DwAAABYAAAB{k:D8}");
        w.WriteString("subject", $"Sync {k % 500}");
        w.WriteString("bodyPreview", "Agenda: review, next steps.");
        w.WriteBoolean("isCancelled", k % 50 == 0);
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
        if (k % 5 == 0) Attendee(w, Contact(k + 14_000_000L), "tentativelyAccepted");
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

/// <summary>A parsed $select: none means Graph's default projection (everything, body included, no headers).</summary>
internal sealed class MessageFields
{
    private readonly HashSet<string>? _selected;

    public MessageFields(string? select)
    {
        _selected = string.IsNullOrWhiteSpace(select)
            ? null
            : new HashSet<string>(select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
    }

    public bool All => _selected is null;

    public bool Has(string field) => _selected is null || _selected.Contains(field);
}
