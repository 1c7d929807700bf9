using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// A folder's (or the calendar's) items, each stamped with the sequence number of its last change.
/// Removed items stay as tombstones so a later delta can report them. Not thread-safe: the owning
/// <see cref="FakeMailbox"/> guards it with its lock.
/// </summary>
internal sealed class ChangeTrackedItems
{
    // Graph item ids are case-sensitive.
    private readonly Dictionary<string, TrackedItem> _items = new(StringComparer.Ordinal);

    public void Add(string id, JsonObject item, long sequence)
    {
        if (IsLive(id))
        {
            throw new InvalidOperationException($"An item with id '{id}' already exists.");
        }

        _items[id] = new TrackedItem(id, Freeze(item), sequence);
    }

    public void Replace(string id, JsonObject item, long sequence)
    {
        if (!IsLive(id))
        {
            throw new InvalidOperationException($"No item with id '{id}' to update.");
        }

        _items[id] = new TrackedItem(id, Freeze(item), sequence);
    }

    public void Remove(string id, long sequence)
    {
        if (!IsLive(id))
        {
            throw new InvalidOperationException($"No item with id '{id}' to remove.");
        }

        _items[id] = new TrackedItem(id, null, sequence);
    }

    /// <summary>Items (live or removed) whose last change lies in (after, upTo], oldest change first.</summary>
    public IEnumerable<TrackedItem> ChangedBetween(long after, long upTo) =>
        _items.Values
            .Where(item => item.Sequence > after && item.Sequence <= upTo)
            .OrderBy(item => item.Sequence);

    /// <summary>Every item that exists now (not removed), in no particular order. The objects are the stored ones: do not change them.</summary>
    public IEnumerable<JsonObject> Live => _items.Values.Where(item => item.Item is not null).Select(item => item.Item!);

    /// <summary>The stored item (do not change it), or null when it does not exist or was removed.</summary>
    public JsonObject? LiveOrNull(string id) => _items.TryGetValue(id, out var existing) ? existing.Item : null;

    private bool IsLive(string id) => _items.TryGetValue(id, out var existing) && existing.Item is not null;

    // A private copy: the caller may keep editing its object, and a stored one must never change.
    private static JsonObject Freeze(JsonObject item) => item.DeepClone().AsObject();
}

/// <summary>An item's latest state; <see cref="Item"/> is null when it was removed.</summary>
internal sealed record TrackedItem(string Id, JsonObject? Item, long Sequence);
