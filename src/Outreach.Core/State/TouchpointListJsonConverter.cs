using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.State;

/// <summary>
/// Stores a contact's touchpoints as one Base64 string of 24-byte records (schema 2): about 32 characters a
/// touchpoint where schema 1 wrote an object of about 100. Reads both: schema 1's array of
/// <c>{"m":…,"t":…,"d":…,"c":…}</c> objects loads to the same touchpoints.
/// </summary>
public sealed class TouchpointListJsonConverter : JsonConverter<TouchpointList>
{
    public override TouchpointList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var list = new TouchpointList();
        if (reader.TokenType == JsonTokenType.String)
        {
            var bytes = reader.GetBytesFromBase64();
            if (bytes.Length % TextTouchpoint.PackedSize != 0) throw new JsonException("A stored touchpoint list has a partial record.");
            var touchpoints = new TextTouchpoint[bytes.Length / TextTouchpoint.PackedSize];
            for (var i = 0; i < touchpoints.Length; i++)
            {
                touchpoints[i] = TextTouchpoint.ReadFrom(bytes.AsSpan(i * TextTouchpoint.PackedSize, TextTouchpoint.PackedSize));
            }

            list.Load(touchpoints);
            return list;
        }

        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Touchpoints must be a Base64 string or an array.");
        var read = new List<TextTouchpoint>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            read.Add(ReadSchema1(ref reader));
        }

        list.Load([.. read]);
        return list;
    }

    public override void Write(Utf8JsonWriter writer, TouchpointList value, JsonSerializerOptions options)
    {
        var touchpoints = value.AsSpan();
        var length = touchpoints.Length * TextTouchpoint.PackedSize;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            for (var i = 0; i < touchpoints.Length; i++)
            {
                touchpoints[i].WriteTo(buffer.AsSpan(i * TextTouchpoint.PackedSize, TextTouchpoint.PackedSize));
            }

            writer.WriteBase64StringValue(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One schema-1 object: m (message key), t (instant), d ("Sent"/"Received" or 0/1), c (conversation key).</summary>
    private static TextTouchpoint ReadSchema1(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A schema 1 touchpoint must be an object.");
        ulong message = 0, conversation = 0;
        DateTimeOffset at = default;
        var direction = TextDirection.Sent;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "m": message = reader.GetUInt64(); break;
                case "c": conversation = reader.GetUInt64(); break;
                case "t": at = reader.GetDateTimeOffset(); break;
                case "d":
                    direction = reader.TokenType == JsonTokenType.Number
                        ? (TextDirection)reader.GetInt32()
                        : Enum.Parse<TextDirection>(reader.GetString()!, ignoreCase: true);
                    break;
                default: reader.Skip(); break;
            }
        }

        return new TextTouchpoint(message, at, direction, conversation);
    }
}
