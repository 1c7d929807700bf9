using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Outreach.Functions.Http;

/// <summary>
/// Reads a small JSON body into its request DTO (through <see cref="RequestJsonContext"/>) with a size
/// limit, telling apart "too big", "empty", "not JSON" and "not an object".
/// </summary>
internal static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    /// <returns>
    /// The body; or the reason it cannot be read (for the field "body"); or neither when it is JSON but
    /// not an object (the route says what object it wants, where it checks the shape).
    /// </returns>
    public static async Task<(T? Body, string? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes) return (null, $"the body is larger than {MaxBytes / 1024} KiB");
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0) read += chunk;
        if (read > MaxBytes) return (null, $"the body is larger than {MaxBytes / 1024} KiB");
        if (read == 0) return (null, "the body is empty; send a JSON object");
        var json = buffer.AsMemory(0, read);
        try
        {
            CheckSyntax(json.Span);
        }
        catch (JsonException error)
        {
            return (null, "the body is not valid JSON: " + error.Message);
        }
        catch (Exception error) when (error is DecoderFallbackException || error.InnerException is DecoderFallbackException)
        {
            return (null, "the body is not UTF-8 text");
        }

        try
        {
            // Every field is a JsonField, which never throws: what is left to fail is a root that is no object.
            return (JsonSerializer.Deserialize(json.Span, type), null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// The whole body is JSON (as JsonDocument.Parse would check, with the same messages) and its strings are
    /// UTF-8, before any field is read: a syntax error is "not JSON", never a problem of the field it is in.
    /// </summary>
    private static void CheckSyntax(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) reader.GetString();
        }
    }
}
