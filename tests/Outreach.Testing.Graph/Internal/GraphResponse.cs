using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// A complete response, built before anything is written so the request log and concurrency
/// counters are settled before the client can see the answer.
/// </summary>
internal sealed class GraphResponse
{
    /// <summary>What Graph sends for OData collections.</summary>
    public const string ODataContentType =
        "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    public const string ErrorContentType = "application/json";

    // Graph does not escape '+', quotes in etags or non-ASCII text; the default encoder would.
    private static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public GraphResponse(int status, JsonObject body, string contentType)
    {
        Status = status;
        ContentType = contentType;
        Body = JsonSerializer.SerializeToUtf8Bytes(body, WireOptions);
    }

    /// <summary>A body already written as UTF-8 JSON, e.g. a generated mailbox's page.</summary>
    public GraphResponse(int status, byte[] body, string contentType)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }

    private GraphResponse(int status)
    {
        Status = status;
        ContentType = null;
        Body = [];
    }

    public int Status { get; }

    /// <summary>Null for a response without a body.</summary>
    public string? ContentType { get; }

    public byte[] Body { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A response with no body at all, like sendMail's 202 Accepted.</summary>
    public static GraphResponse NoContent(int status) => new(status);

    /// <summary>Graph's error body, with the ids that let support trace the request.</summary>
    public static GraphResponse Error(GraphError error, string requestId, string clientRequestId)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = error.Code,
                ["message"] = error.Message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["request-id"] = requestId,
                    ["client-request-id"] = clientRequestId,
                },
            },
        };
        var response = new GraphResponse(error.Status, body, ErrorContentType);
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        return response;
    }
}
