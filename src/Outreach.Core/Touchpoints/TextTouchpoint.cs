using System.IO.Hashing;
using System.Text;
using System.Text.Json.Serialization;

namespace Outreach.Core.Touchpoints;

/// <summary>
/// One email between the owner and one contact. Message and conversation ids are kept as 64-bit hashes:
/// enough to de-duplicate and to count threads, small enough that state grows with contacts, not ids.
/// </summary>
public readonly record struct TextTouchpoint(
    [property: JsonPropertyName("m")] ulong MessageKey,
    [property: JsonPropertyName("t")] DateTimeOffset At,
    [property: JsonPropertyName("d")] TextDirection Direction,
    [property: JsonPropertyName("c")] ulong ConversationKey)
{
    public static ulong Key(string? id) =>
        string.IsNullOrEmpty(id) ? 0 : XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id));
}
