using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Internal;

namespace Outreach.Testing.Graph;

/// <summary>
/// One user's mail folders and calendar, as Graph JSON objects, plus what the user's profile,
/// mailbox settings and free/busy say. Every change is stamped with a mailbox-wide, increasing
/// sequence number; delta tokens remember a sequence number so the server can answer "what changed since".
/// All members are thread-safe.
/// </summary>
public sealed class FakeMailbox
{
    // Folders a real mailbox always has; delta on them is valid even while they are empty.
    private static readonly string[] WellKnownFolders =
        ["inbox", "sentitems", "drafts", "deleteditems", "junkemail", "archive"];

    // An attendee's status.response values (Graph's responseType).
    private static readonly string[] ResponseTypes =
        ["none", "organizer", "tentativelyAccepted", "accepted", "declined", "notResponded"];

    private readonly Dictionary<string, ChangeTrackedItems> _folders = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChangeTrackedItems _events = new();
    private readonly List<JsonObject> _postedEvents = [];
    private readonly List<JsonObject> _sentMail = [];
    private readonly List<BusyBlock> _busy = [];
    private long _sequence;
    private int _createdEventCount;
    private string? _displayName;
    private MailboxSettingsState _settings = MailboxSettingsState.Default;

    internal FakeMailbox(string userId)
    {
        UserId = userId;
        foreach (var folder in WellKnownFolders)
        {
            _folders[folder] = new ChangeTrackedItems();
        }
    }

    /// <summary>The id or UPN this mailbox was created with.</summary>
    public string UserId { get; }

    /// <summary>Sequence number of the latest change (0 when nothing was ever added).</summary>
    public long ChangeSequence
    {
        get { lock (Gate) { return _sequence; } }
    }

    /// <summary>The owner's display name: set by <see cref="SetProfile"/>, else made from the UPN ("avery.quinn@x" → "Avery Quinn").</summary>
    public string DisplayName
    {
        get { lock (Gate) { return _displayName ?? DefaultDisplayName(UserId); } }
    }

    /// <summary>
    /// Every body POSTed to <c>/users/{id}/events</c> (or <c>/calendar/events</c>) that was a JSON object,
    /// as sent, oldest first: retries and bodies that failed validation included. Requests that faults
    /// rejected never reach the endpoint, so they are only in <see cref="GraphLoopbackServer.Requests"/>.
    /// A snapshot: copies, safe to keep. Note that the SDK sends <c>{}</c> (or empty nested objects) when a
    /// client re-posts a model object it already sent (Kiota's backing store only serialises changes;
    /// msgraph-sdk-dotnet#2373): Graph and this server answer 400, and the body shows here.
    /// </summary>
    public IReadOnlyList<JsonObject> PostedEvents
    {
        get { lock (Gate) { return [.. _postedEvents.Select(Copy)]; } }
    }

    /// <summary>Distinct events created by POST (a replay of a known transactionId does not count).</summary>
    public int CreatedEventCount
    {
        get { lock (Gate) { return _createdEventCount; } }
    }

    /// <summary>The <c>message</c> of every accepted <c>sendMail</c>, as sent, oldest first. A snapshot of copies.</summary>
    public IReadOnlyList<JsonObject> SentMail
    {
        get { lock (Gate) { return [.. _sentMail.Select(Copy)]; } }
    }

    /// <summary>Guards all state; the delta endpoints read under it so a page is a consistent snapshot.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>A copy of the calendar event with this id as stored (start/end as posted), or null when there is none.</summary>
    public JsonObject? FindEvent(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (Gate)
        {
            return _events.LiveOrNull(id) is { } ev ? Copy(ev) : null;
        }
    }

    /// <summary>
    /// Sets an attendee's <c>status</c> (response and time) on an event, as when the contact answers the
    /// invitation. Counts as a change of the event, so the next calendarView delta reports it.
    /// </summary>
    /// <param name="eventId">The event's id.</param>
    /// <param name="address">The attendee's email address (case-insensitive).</param>
    /// <param name="response">Graph's responseType: none, organizer, tentativelyAccepted, accepted, declined or notResponded.</param>
    public void SetAttendeeResponse(string eventId, string address, string response)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var canonical = ResponseTypes.FirstOrDefault(r => r.Equals(response, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"'{response}' is not a Graph response type ({string.Join(", ", ResponseTypes)}).", nameof(response));
        lock (Gate)
        {
            var ev = Copy(_events.LiveOrNull(eventId)
                ?? throw new InvalidOperationException($"Mailbox '{UserId}' has no event '{eventId}'."));
            var attendee = (ev["attendees"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a =>
                string.Equals((string?)a["emailAddress"]?["address"], address, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Event '{eventId}' has no attendee '{address}'.");
            var now = DateTimeOffset.UtcNow;
            attendee["status"] = new JsonObject { ["response"] = canonical, ["time"] = GraphDateTime.FormatTimestamp(now) };
            OutlookItem.Touch(ev, now);
            _events.Replace(eventId, ev, ++_sequence);
        }
    }

    /// <summary>
    /// A free/busy block that getSchedule reports (in addition to the calendar's events), e.g. time the
    /// contact is busy with meetings this mailbox cannot see. Not a calendar event: delta never shows it.
    /// </summary>
    /// <param name="start">Start of the block.</param>
    /// <param name="end">End of the block; after <paramref name="start"/>.</param>
    /// <param name="status">Graph's freeBusyStatus: free, tentative, busy, oof or workingElsewhere.</param>
    public void AddBusy(DateTimeOffset start, DateTimeOffset end, string status = "busy")
    {
        if (end <= start)
        {
            throw new ArgumentException("A busy block must end after it starts.", nameof(end));
        }

        var canonical = FreeBusy.Canonical(status)
            ?? throw new ArgumentException($"'{status}' is not a free/busy status ({string.Join(", ", FreeBusy.Statuses)}).", nameof(status));
        lock (Gate)
        {
            _busy.Add(new BusyBlock(start, end, canonical));
        }
    }

    /// <summary>
    /// What <c>GET /users/{id}/mailboxSettings</c> returns and getSchedule reports as working hours.
    /// Defaults: "UTC", Monday–Friday 08:00–17:00.
    /// </summary>
    /// <param name="timeZone">A time zone name Graph accepts: Windows ("W. Europe Standard Time"), IANA or "UTC".</param>
    /// <param name="days">Working days.</param>
    /// <param name="start">Start of the working day, in <paramref name="timeZone"/>.</param>
    /// <param name="end">End of the working day; after <paramref name="start"/>.</param>
    public void SetMailboxSettings(string timeZone, IReadOnlyList<DayOfWeek> days, TimeOnly start, TimeOnly end)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (!GraphTimeZones.TryFind(timeZone, out _))
        {
            throw new ArgumentException($"Graph does not know the time zone '{timeZone}'.", nameof(timeZone));
        }

        if (end <= start)
        {
            throw new ArgumentException("Working hours must end after they start.", nameof(end));
        }

        lock (Gate)
        {
            _settings = new MailboxSettingsState(timeZone, [.. days.Distinct()], start, end);
        }
    }

    /// <summary>The owner's display name, as <c>GET /users/{id}</c>, event organizers and sent mail show it.</summary>
    public void SetProfile(string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        lock (Gate)
        {
            _displayName = displayName;
        }
    }

    /// <summary>Adds a message (a Graph message object with an "id") to a folder, creating the folder if new.</summary>
    public void AddMessage(string folder, JsonObject message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var id = ItemId(message);
        lock (Gate)
        {
            if (!_folders.TryGetValue(folder, out var items))
            {
                items = new ChangeTrackedItems();
                _folders[folder] = items;
            }

            items.Add(id, message, ++_sequence);
        }
    }

    /// <summary>Replaces the message with the same "id".</summary>
    public void UpdateMessage(string folder, JsonObject message)
    {
        var id = ItemId(message);
        lock (Gate)
        {
            ExistingFolder(folder).Replace(id, message, ++_sequence);
        }
    }

    /// <summary>Deletes a message; the next delta reports it as removed.</summary>
    public void RemoveMessage(string folder, string id)
    {
        lock (Gate)
        {
            ExistingFolder(folder).Remove(id, ++_sequence);
        }
    }

    /// <summary>Adds a calendar event (a Graph event object with an "id" and dateTimeTimeZone start/end).</summary>
    public void AddEvent(JsonObject ev)
    {
        var id = ItemId(ev);
        EventWindow.Validate(ev);
        lock (Gate)
        {
            _events.Add(id, ev, ++_sequence);
        }
    }

    /// <summary>Replaces the event with the same "id".</summary>
    public void UpdateEvent(JsonObject ev)
    {
        var id = ItemId(ev);
        EventWindow.Validate(ev);
        lock (Gate)
        {
            _events.Replace(id, ev, ++_sequence);
        }
    }

    /// <summary>Deletes an event; the next delta reports it as removed.</summary>
    public void RemoveEvent(string id)
    {
        lock (Gate)
        {
            _events.Remove(id, ++_sequence);
        }
    }

    /// <summary>
    /// Adds every message and event of a sample mailbox, moving all dates by (asOf − anchor) so the
    /// sample reads as if it had been captured at <paramref name="asOf"/>.
    /// </summary>
    public void LoadSample(JsonObject sample, DateTimeOffset asOf)
    {
        var shifted = SampleMailboxShifter.Shift(sample, asOf);
        if (shifted["folders"] is JsonObject folders)
        {
            foreach (var (folder, messages) in folders)
            {
                foreach (var message in messages?.AsArray() ?? [])
                {
                    AddMessage(folder, message!.AsObject());
                }
            }
        }

        foreach (var ev in shifted["events"]?.AsArray() ?? [])
        {
            AddEvent(ev!.AsObject());
        }
    }

    /// <summary>Null when the folder does not exist, which the endpoint turns into Graph's 404.</summary>
    internal ChangeTrackedItems? FolderOrNull(string folder) =>
        _folders.TryGetValue(folder, out var items) ? items : null;

    internal ChangeTrackedItems Events => _events;

    /// <summary>Callers must hold <see cref="Gate"/>.</summary>
    internal long CurrentSequence => _sequence;

    /// <summary>Callers must hold <see cref="Gate"/>.</summary>
    internal IReadOnlyList<BusyBlock> BusyBlocks => _busy;

    internal MailboxSettingsState Settings
    {
        get { lock (Gate) { return _settings; } }
    }

    /// <summary>The owner's address: the UPN the mailbox was created with.</summary>
    internal string Address => UserId;

    /// <summary>The owner's directory object id: the user id when it is a GUID, else a GUID derived from the UPN (stable across runs).</summary>
    internal Guid DirectoryId =>
        Guid.TryParse(UserId, out var id)
            ? id
            : new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(UserId.ToLowerInvariant())).AsSpan(0, 16));

    /// <summary>The owner's directory object id as Graph writes it (what call records and chat members name the owner by).</summary>
    public string ObjectId => DirectoryId.ToString("D", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The owner as Graph writes a sender, organizer or recipient.</summary>
    internal JsonObject Recipient() => new()
    {
        ["emailAddress"] = new JsonObject { ["name"] = DisplayName, ["address"] = Address },
    };

    internal void RecordPostedEvent(JsonObject body)
    {
        lock (Gate)
        {
            _postedEvents.Add(Copy(body));
        }
    }

    /// <summary>
    /// Stores <paramref name="candidate"/> as a new event, unless a live event already carries
    /// <paramref name="transactionId"/>: then that event is returned and nothing is created. One lock
    /// for check and add, so concurrent retries cannot both create.
    /// </summary>
    internal (JsonObject Event, bool Created) CreateEvent(JsonObject candidate, string? transactionId)
    {
        var id = ItemId(candidate);
        lock (Gate)
        {
            if (transactionId is not null &&
                _events.Live.FirstOrDefault(ev => ev["transactionId"] is JsonValue value &&
                                                   value.TryGetValue<string>(out var used) && used == transactionId) is { } existing)
            {
                return (Copy(existing), false);
            }

            _events.Add(id, candidate, ++_sequence);
            _createdEventCount++;
            return (Copy(candidate), true);
        }
    }

    /// <summary>Records a sent message and, when given, files the copy in Sent Items (a change delta reports).</summary>
    internal void RecordSentMail(JsonObject message, JsonObject? sentItem)
    {
        lock (Gate)
        {
            _sentMail.Add(Copy(message));
            if (sentItem is not null)
            {
                _folders["sentitems"].Add(ItemId(sentItem), sentItem, ++_sequence);
            }
        }
    }

    private ChangeTrackedItems ExistingFolder(string folder) =>
        FolderOrNull(folder) ?? throw new InvalidOperationException($"Mailbox '{UserId}' has no folder '{folder}'.");

    private static JsonObject Copy(JsonObject item) => item.DeepClone().AsObject();

    /// <summary>"avery.quinn@northwind-labs.com" → "Avery Quinn"; an id that is no address stays as it is.</summary>
    private static string DefaultDisplayName(string userId)
    {
        var at = userId.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return userId;
        }

        var words = userId[..at].Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static string ItemId(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item["id"] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0
            ? id
            : throw new ArgumentException("A Graph item needs a non-empty string \"id\".", nameof(item));
    }
}
