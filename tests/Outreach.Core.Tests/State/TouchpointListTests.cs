using System.Text.Json;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Tests.State;

public sealed class TouchpointListTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static TextTouchpoint Touch(ulong message, double hoursAgo = 1, TextDirection direction = TextDirection.Received, ulong conversation = 7) =>
        new(message, At.AddHours(-hoursAgo), direction, conversation);

    [Fact]
    public void A_message_key_is_counted_once_however_often_it_is_added()
    {
        var list = new TouchpointList();

        Assert.True(list.Add(Touch(1)));
        Assert.False(list.Add(Touch(1, hoursAgo: 5, direction: TextDirection.Sent)));
        Assert.True(list.Add(Touch(0)));
        Assert.False(list.Add(Touch(0)));

        Assert.Equal([1UL, 0UL], list.Select(t => t.MessageKey));
    }

    [Fact]
    public void Thousands_of_keys_survive_the_index_growing()
    {
        var list = new TouchpointList();
        var random = new Random(42);
        var keys = Enumerable.Range(0, 5000).Select(_ => (ulong)random.NextInt64()).Distinct().ToList();

        foreach (var key in keys) Assert.True(list.Add(Touch(key)));
        foreach (var key in keys) Assert.False(list.Add(Touch(key)));

        Assert.Equal(keys, list.Select(t => t.MessageKey));
    }

    [Fact]
    public void Keys_past_the_two_byte_index_stay_unique_and_in_order()
    {
        // 32,768 touchpoints is where the index moves from two-byte to four-byte slots.
        var list = new TouchpointList();
        var keys = Enumerable.Range(1, 70_000).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL).ToList();

        foreach (var key in keys) Assert.True(list.Add(Touch(key)));
        foreach (var key in keys) Assert.False(list.Add(Touch(key)));

        Assert.Equal(70_000, list.Count);
        Assert.Equal(keys, list.Select(t => t.MessageKey));
    }

    [Fact]
    public void Pruning_keeps_the_newer_touchpoints_and_still_refuses_their_duplicates()
    {
        var list = new TouchpointList();
        for (ulong k = 1; k <= 100; k++) list.Add(Touch(k, hoursAgo: k));

        Assert.Equal(50, list.RemoveBefore(At.AddHours(-50)));

        Assert.Equal(50, list.Count);
        Assert.All(list, t => Assert.True(t.At >= At.AddHours(-50)));
        Assert.False(list.Add(Touch(10)));
        Assert.True(list.Add(Touch(90)));
    }

    [Fact]
    public void A_touchpoint_keeps_every_field_exactly_in_24_bytes()
    {
        var original = new TextTouchpoint(ulong.MaxValue, new DateTimeOffset(2026, 6, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)), TextDirection.Received, 0);
        Span<byte> packed = stackalloc byte[TextTouchpoint.PackedSize];

        original.WriteTo(packed);
        var read = TextTouchpoint.ReadFrom(packed);

        Assert.Equal(original, read);
        Assert.Equal(ulong.MaxValue, read.MessageKey);
        Assert.Equal(TextDirection.Received, read.Direction);
        Assert.Equal(0UL, read.ConversationKey);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, 123, TimeSpan.Zero), read.At);
        Assert.Equal(TextDirection.Sent, new TextTouchpoint(1, DateTimeOffset.MaxValue, TextDirection.Sent, 2).Direction);
        Assert.Equal(DateTimeOffset.MaxValue, new TextTouchpoint(1, DateTimeOffset.MaxValue, TextDirection.Received, 2).At);
    }

    [Fact]
    public void The_message_key_is_the_xxhash3_of_the_utf8_id_as_schema_1_stored_it()
    {
        // Values a schema-1 state holds for these ids (keys must never change: stored ledgers de-duplicate by them).
        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64("AAMkAGI2TG93AAA="u8), TextTouchpoint.Key("AAMkAGI2TG93AAA="));
        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64("Zoë→"u8), TextTouchpoint.Key("Zoë→"));
        var longId = new string('x', 2000);
        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(longId)), TextTouchpoint.Key(longId));
        Assert.Equal(0UL, TextTouchpoint.Key(null));
    }

    [Fact]
    public void Touchpoints_are_stored_as_one_base64_string_per_contact()
    {
        var ledger = new ContactLedger();
        ledger.TryAdd(Touch(1));
        ledger.TryAdd(Touch(2, direction: TextDirection.Sent));
        var state = MailboxState.Create("avery@northwind.com");
        state.Contacts["dana@fabrikam.com"] = ledger;

        var json = JsonSerializer.Serialize(state, MailboxStateJsonContext.Default.MailboxState);
        using var document = JsonDocument.Parse(json);
        var texts = document.RootElement.GetProperty("contacts").GetProperty("dana@fabrikam.com").GetProperty("texts");

        Assert.Equal(2 * TextTouchpoint.PackedSize, texts.GetBytesFromBase64().Length);
        var back = JsonSerializer.Deserialize(json, MailboxStateJsonContext.Default.MailboxState)!;
        Assert.Equal(ledger.Texts, back.Contacts["dana@fabrikam.com"].Texts);
    }
}
