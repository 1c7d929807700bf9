using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Tests.Support;

/// <summary>A plain HttpClient talking to the loopback server, the way any Graph client would.</summary>
internal sealed class GraphHttp : IDisposable
{
    private readonly HttpClient _client = new();

    public GraphHttp(bool withBearerToken = true)
    {
        if (withBearerToken)
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GET with optional Prefer headers; returns the response and its JSON body.</summary>
    public async Task<GraphReply> GetAsync(string url, params string[] prefer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var value in prefer)
        {
            request.Headers.TryAddWithoutValidation("Prefer", value);
        }

        return await SendAsync(request);
    }

    /// <summary>POST of a JSON body (application/json, as the SDK sends it) with optional Prefer headers.</summary>
    public Task<GraphReply> PostAsync(string url, JsonNode body, params string[] prefer) =>
        PostRawAsync(url, body.ToJsonString(), prefer);

    /// <summary>POST of any text as an application/json body, for malformed payloads.</summary>
    public async Task<GraphReply> PostRawAsync(string url, string body, params string[] prefer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var value in prefer)
        {
            request.Headers.TryAddWithoutValidation("Prefer", value);
        }

        return await SendAsync(request);
    }

    /// <summary>Sends the request; an empty response body (sendMail's 202) reads as an empty object.</summary>
    public async Task<GraphReply> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject();
        return new GraphReply(response, body, text.Length);
    }

    /// <summary>Follows nextLinks to the deltaLink, collecting every item and counting pages.</summary>
    public async Task<DeltaResult> ReadAllPagesAsync(string url, params string[] prefer)
    {
        var items = new List<JsonObject>();
        var pages = 0;
        while (true)
        {
            var reply = await GetAsync(url, prefer);
            Assert.Equal(200, reply.Status);
            pages++;
            items.AddRange(reply.Items);
            if (reply.NextLink is { } next)
            {
                url = next;
                continue;
            }

            return new DeltaResult(items, reply.DeltaLink ?? throw new InvalidOperationException("Last page has no deltaLink."), pages);
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>The parts of a reply the tests look at.</summary>
internal sealed class GraphReply(HttpResponseMessage response, JsonObject body, int bodyLength)
{
    public int Status { get; } = (int)response.StatusCode;

    /// <summary>Characters in the response body; 0 when there was none.</summary>
    public int BodyLength { get; } = bodyLength;

    public JsonObject Body { get; } = body;

    public HttpResponseHeaders Headers { get; } = response.Headers;

    public string? ContentType { get; } = response.Content.Headers.ContentType?.ToString();

    public IReadOnlyList<JsonObject> Items => Body["value"]!.AsArray().Select(n => n!.AsObject()).ToList();

    public IReadOnlyList<string> Ids => Items.Select(i => (string)i["id"]!).ToList();

    public string? NextLink => (string?)Body["@odata.nextLink"];

    public string? DeltaLink => (string?)Body["@odata.deltaLink"];

    public string? ErrorCode => (string?)Body["error"]?["code"];

    public string? ErrorMessage => (string?)Body["error"]?["message"];

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}

/// <summary>All items of a full delta walk, the deltaLink it ended with, and how many pages it took.</summary>
internal sealed record DeltaResult(IReadOnlyList<JsonObject> Items, string DeltaLink, int Pages)
{
    public IReadOnlyList<string> Ids => Items.Select(i => (string)i["id"]!).ToList();
}
