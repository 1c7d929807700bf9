using System.Collections;
using System.Numerics;
using System.Text.Json.Serialization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.State;

/// <summary>
/// One contact's text touchpoints, de-duplicated by message key. A flat array of 24-byte touchpoints plus,
/// once something is added, an open-addressing index of slot numbers (2 bytes a slot, 4 past 32,768 touchpoints;
/// at most half full): about 30 bytes a touchpoint where a list and a hash set took about 70. A mailbox loaded only to be
/// evaluated never builds the index.
/// </summary>
[JsonConverter(typeof(TouchpointListJsonConverter))]
public sealed class TouchpointList : IReadOnlyList<TextTouchpoint>
{
    private TextTouchpoint[] _items = [];
    private int _count;

    // Slot → item position + 1; 0 = empty; the length is a power of two. Two bytes a slot while the table has at
    // most 65,536 slots (positions then stay below 32,768), four beyond: half the index memory for every real contact.
    private ushort[]? _smallIndex;
    private int[]? _largeIndex;

    public int Count => _count;

    public TextTouchpoint this[int index] =>
        (uint)index < (uint)_count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The touchpoints as a span (no copy): what the evaluator's loops read.</summary>
    public ReadOnlySpan<TextTouchpoint> AsSpan() => _items.AsSpan(0, _count);

    private int IndexLength => _smallIndex?.Length ?? _largeIndex?.Length ?? 0;

    /// <summary>Adds the touchpoint unless one with the same message key is already here.</summary>
    public bool Add(TextTouchpoint touchpoint)
    {
        if (_count * 2 >= IndexLength) Reindex(Math.Max(_count + 1, 4));
        return _smallIndex is { } small ? Add(small, touchpoint) : Add(_largeIndex!, touchpoint);
    }

    private bool Add<T>(T[] index, TextTouchpoint touchpoint)
        where T : unmanaged, IBinaryInteger<T>
    {
        var mask = index.Length - 1;
        var key = touchpoint.MessageKey;
        for (var slot = Slot(key, mask); ; slot = (slot + 1) & mask)
        {
            var entry = int.CreateTruncating(index[slot]);
            if (entry == 0)
            {
                if (_count == _items.Length) Grow();
                _items[_count++] = touchpoint;
                index[slot] = T.CreateTruncating(_count);
                return true;
            }

            if (_items[entry - 1].MessageKey == key) return false;
        }
    }

    /// <summary>
    /// Doubles the array without zeroing the new one first: only the first <see cref="_count"/> items are ever
    /// read, and zeroing (plus the page faults behind it) was a fifth of classification time.
    /// </summary>
    private void Grow()
    {
        var grown = GC.AllocateUninitializedArray<TextTouchpoint>(Math.Max(4, _items.Length * 2));
        _items.AsSpan(0, _count).CopyTo(grown);
        _items = grown;
    }

    /// <summary>Removes the touchpoints before the instant; returns how many.</summary>
    public int RemoveBefore(DateTimeOffset cutoff)
    {
        var ticks = cutoff.UtcTicks;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].UtcTicks < ticks) continue;
            _items[kept++] = _items[i];
        }

        var removed = _count - kept;
        if (removed == 0) return 0;
        _count = kept;
        _smallIndex = null;
        _largeIndex = null;
        if (_count < _items.Length / 4) Array.Resize(ref _items, _count);
        return removed;
    }

    /// <summary>Takes over the array of a list being loaded (no copy). Duplicates are dropped when the index is built.</summary>
    internal void Load(TextTouchpoint[] stored)
    {
        if (_count == 0)
        {
            _items = stored;
            _count = stored.Length;
            _smallIndex = null;
            _largeIndex = null;
            return;
        }

        foreach (var t in stored) Add(t);
    }

    private void Reindex(int atLeast)
    {
        var size = 8;
        while (size < atLeast * 2) size <<= 1;
        if (size <= 65536)
        {
            _largeIndex = null;
            _smallIndex = Build(new ushort[size]);
        }
        else
        {
            _smallIndex = null;
            _largeIndex = Build(new int[size]);
        }
    }

    /// <summary>Fills an empty table with the items, dropping later duplicates of a message key.</summary>
    private T[] Build<T>(T[] index)
        where T : unmanaged, IBinaryInteger<T>
    {
        var mask = index.Length - 1;
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            var key = _items[i].MessageKey;
            var slot = Slot(key, mask);
            var duplicate = false;
            while (index[slot] != T.Zero)
            {
                if (_items[int.CreateTruncating(index[slot]) - 1].MessageKey == key)
                {
                    duplicate = true;
                    break;
                }

                slot = (slot + 1) & mask;
            }

            if (duplicate) continue;
            _items[kept] = _items[i];
            index[slot] = T.CreateTruncating(++kept);
        }

        _count = kept;
        return index;
    }

    private static int Slot(ulong key, int mask) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<TextTouchpoint> IEnumerable<TextTouchpoint>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(TouchpointList list) : IEnumerator<TextTouchpoint>
    {
        private int _position = -1;

        public readonly TextTouchpoint Current => list._items[_position];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_position < list._count;

        public void Reset() => _position = -1;

        public readonly void Dispose()
        {
        }
    }
}
