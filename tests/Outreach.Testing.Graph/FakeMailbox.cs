using System.Text.Json.Nodes;
using Outreach.Testing.Graph.Internal;

namespace Outreach.Testing.Graph;

/// <summary>
/// One user's mail folders and calendar, as Graph JSON objects. Every change is stamped with a
/// mailbox-wide, increasing sequence number; delta tokens remember a sequence number so the server
/// can answer "what changed since".
/// </summary>
public sealed class FakeMailbox
{
    // Folders a real mailbox always has; delta on them is valid even while they are empty.
    private static readonly string[] WellKnownFolders =
        ["inbox", "sentitems", "drafts", "deleteditems", "junkemail", "archive"];

    private readonly Dictionary<string, ChangeTrackedItems> _folders = new(StringComparer.OrdinalIgnoreCase);
    private readonly ChangeTrackedItems _events = new();
    private long _sequence;

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

    /// <summary>Guards all state; the delta endpoints read under it so a page is a consistent snapshot.</summary>
    internal Lock Gate { get; } = new();

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

    private ChangeTrackedItems ExistingFolder(string folder) =>
        FolderOrNull(folder) ?? throw new InvalidOperationException($"Mailbox '{UserId}' has no folder '{folder}'.");

    private static string ItemId(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item["id"] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0
            ? id
            : throw new ArgumentException("A Graph item needs a non-empty string \"id\".", nameof(item));
    }
}
