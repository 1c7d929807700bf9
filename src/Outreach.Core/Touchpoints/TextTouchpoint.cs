using System.IO.Hashing;
using System.Text;

namespace Outreach.Core.Touchpoints;

/// <summary>
/// One email between the owner and one contact. Message and conversation ids are kept as 64-bit hashes:
/// enough to de-duplicate and to count threads, small enough that state grows with contacts, not ids.
/// Held in 24 bytes (a mailbox keeps one per message in the look-back): the instant as UTC ticks with the
/// direction in the top bit, which ticks never use (<see cref="DateTime.MaxValue"/> needs 62 bits).
/// </summary>
public readonly record struct TextTouchpoint
{
    private const long DirectionBit = long.MinValue;

    private readonly ulong _messageKey;
    private readonly ulong _conversationKey;
    private readonly long _ticksAndDirection;

    public TextTouchpoint(ulong messageKey, DateTimeOffset at, TextDirection direction, ulong conversationKey)
        : this(messageKey, conversationKey, at.UtcTicks | (direction == TextDirection.Received ? DirectionBit : 0))
    {
    }

    private TextTouchpoint(ulong messageKey, ulong conversationKey, long ticksAndDirection)
    {
        _messageKey = messageKey;
        _conversationKey = conversationKey;
        _ticksAndDirection = ticksAndDirection;
    }

    public ulong MessageKey => _messageKey;

    /// <summary>When the message was sent or received, in UTC (the offset it was read with is not kept).</summary>
    public DateTimeOffset At => new(UtcTicks, TimeSpan.Zero);

    public TextDirection Direction => _ticksAndDirection < 0 ? TextDirection.Received : TextDirection.Sent;

    public ulong ConversationKey => _conversationKey;

    /// <summary>The instant as UTC ticks: what comparisons in hot loops use instead of <see cref="At"/>.</summary>
    public long UtcTicks => _ticksAndDirection & ~DirectionBit;

    /// <summary>The size of <see cref="WriteTo"/>'s form: three little-endian 64-bit words.</summary>
    public const int PackedSize = 24;

    /// <summary>Writes the stored (schema 2) form: message key, conversation key, ticks with the direction bit.</summary>
    public void WriteTo(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination, _messageKey);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _conversationKey);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(destination[16..], _ticksAndDirection);
    }

    public static TextTouchpoint ReadFrom(ReadOnlySpan<byte> source)
    {
        var ticks = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(source[16..]);
        if ((ticks & ~DirectionBit) > DateTime.MaxValue.Ticks) throw new FormatException("A stored touchpoint has an instant out of range.");
        return new TextTouchpoint(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(source),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
            ticks);
    }

    /// <summary>
    /// The 64-bit key of an id: XxHash3 of its UTF-8 bytes. Stored states hold these values, so the hash
    /// must never change. The bytes are encoded into a per-thread buffer (Graph ids are about 150
    /// characters) instead of a new array, or a zeroed stack buffer, for every id.
    /// </summary>
    public static ulong Key(string? id)
    {
        if (string.IsNullOrEmpty(id)) return 0;
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        if (max > KeyBufferSize) return XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id));
        var buffer = _keyBuffer ??= new byte[KeyBufferSize];
        var written = Encoding.UTF8.GetBytes(id, buffer);
        return XxHash3.HashToUInt64(buffer.AsSpan(0, written));
    }

    private const int KeyBufferSize = 4096;

    [ThreadStatic]
    private static byte[]? _keyBuffer;
}
