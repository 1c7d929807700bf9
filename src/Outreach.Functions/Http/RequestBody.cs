using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Outreach.Functions.Http;

/// <summary>Reads a small JSON body with a size limit, telling apart "too big", "empty" and "not JSON".</summary>
internal static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(JsonDocument? Document, string? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return (null, $"the body is larger than {MaxBytes / 1024} KiB");
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0) read += chunk;
        if (read > MaxBytes) return (null, $"the body is larger than {MaxBytes / 1024} KiB");
        if (read == 0) return (null, "the body is empty; send a JSON object");
        try
        {
            return (JsonDocument.Parse(buffer.AsMemory(0, read)), null);
        }
        catch (JsonException error)
        {
            return (null, "the body is not valid JSON: " + error.Message);
        }
        catch (DecoderFallbackException)
        {
            return (null, "the body is not UTF-8 text");
        }
    }
}
