using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Functions.Http;

/// <summary>How a request field was sent.</summary>
internal enum JsonFieldState : byte
{
    Absent = 0,
    Null,
    Value,
    /// <summary>Sent, not null, but of another JSON type than the field takes (a number for a string, …).</summary>
    OtherType,
}

/// <summary>
/// One field of a request body DTO as it was sent: absent, null, a value of the expected JSON type, or a
/// value of another. The deserializer would stop at the first mistyped field in document order; holding
/// this instead lets each route check its fields in its own fixed order and name the first at fault, with
/// its own words, as RFC 9457 problem details.
/// </summary>
[JsonConverter(typeof(JsonFieldConverterFactory))]
internal readonly record struct JsonField<T>(JsonFieldState State, T? Value)
{
    /// <summary>In the body at all, even as null.</summary>
    public bool IsSent => State != JsonFieldState.Absent;

    /// <summary>Sent as something other than null, of the expected type or not.</summary>
    public bool IsPresent => State is JsonFieldState.Value or JsonFieldState.OtherType;

    /// <summary>The value when it has the expected type; otherwise null (or the default).</summary>
    public T? OrDefault => State == JsonFieldState.Value ? Value : default;
}

/// <summary>Reads <see cref="JsonField{T}"/> of the types request bodies use: string, int, bool, and a list of strings.</summary>
internal sealed class JsonFieldConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(JsonField<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var valueType = typeToConvert.GetGenericArguments()[0];
        if (valueType == typeof(string)) return new JsonFieldConverter<string>(TryReadString);
        if (valueType == typeof(int)) return new JsonFieldConverter<int>(TryReadInt32);
        if (valueType == typeof(bool)) return new JsonFieldConverter<bool>(TryReadBoolean);
        if (valueType == typeof(IReadOnlyList<string?>)) return new JsonFieldConverter<IReadOnlyList<string?>>(TryReadStrings);
        throw new NotSupportedException($"A request field of type {valueType.Name} is not supported.");
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null;
    }

    /// <summary>A whole number within int's range; 30.5 or 1e10 is another type.</summary>
    private static bool TryReadInt32(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }

    private static bool TryReadBoolean(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>An array, whatever its items: an item that is not a string is read as null, for the route to name by index.</summary>
    private static bool TryReadStrings(ref Utf8JsonReader reader, out IReadOnlyList<string?>? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var items = new List<string?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
            reader.Skip();
        }

        value = items;
        return true;
    }
}

/// <summary>Never throws on a mistyped value: it is skipped and recorded as <see cref="JsonFieldState.OtherType"/>.</summary>
internal sealed class JsonFieldConverter<T>(JsonFieldConverter<T>.TryRead tryRead) : JsonConverter<JsonField<T>>
{
    public delegate bool TryRead(ref Utf8JsonReader reader, out T? value);

    // Null is a state of its own ("mailbox": null is sent, not absent), so the converter sees it.
    public override bool HandleNull => true;

    public override JsonField<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return new JsonField<T>(JsonFieldState.Null, default);
        if (tryRead(ref reader, out var value)) return new JsonField<T>(JsonFieldState.Value, value);
        reader.Skip();
        return new JsonField<T>(JsonFieldState.OtherType, default);
    }

    public override void Write(Utf8JsonWriter writer, JsonField<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Request fields are only read.");
}
