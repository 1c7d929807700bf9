using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class ErrorResponseTests
{
    [Fact]
    public async Task Request_without_bearer_token_returns_401_with_WWW_Authenticate()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp(withBearerToken: false);

        var reply = await http.GetAsync(InboxDelta(server));

        Assert.Equal(401, reply.Status);
        Assert.Equal("InvalidAuthenticationToken", reply.ErrorCode);
        Assert.Equal("Access token is empty.", reply.ErrorMessage);
        Assert.Contains("client_id=\"00000003-0000-0000-c000-000000000000\"", reply.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.False(server.Requests.Entries.Single().HadBearerToken);
    }

    [Fact]
    public async Task Unknown_user_returns_404_ErrorInvalidUser()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(InboxDelta(server, user: "nobody@northwind-labs.com"));

        Assert.Equal(404, reply.Status);
        Assert.Equal("ErrorInvalidUser", reply.ErrorCode);
        Assert.Equal("The requested user 'nobody@northwind-labs.com' is invalid.", reply.ErrorMessage);
    }

    [Theory]
    [InlineData("/users/avery.quinn@northwind-labs.com/messages", "messages")]
    [InlineData("/users/avery.quinn@northwind-labs.com/mailFolders/inbox/messages/m1", "m1")]
    [InlineData("/groups", "groups")]
    public async Task Unknown_path_returns_404_ResourceNotFound_naming_the_segment(string path, string segment)
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(server.BaseUrl + path);

        Assert.Equal(404, reply.Status);
        Assert.Equal("ResourceNotFound", reply.ErrorCode);
        Assert.Equal($"Resource not found for the segment '{segment}'.", reply.ErrorMessage);
    }

    [Fact]
    public async Task Error_body_and_headers_carry_request_id_and_echo_client_request_id()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        using var http = new GraphHttp();
        var clientRequestId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, InboxDelta(server, user: "nobody"));
        request.Headers.Add("client-request-id", clientRequestId);

        var reply = await http.SendAsync(request);

        var innerError = reply.Body["error"]!["innerError"]!;
        Assert.Equal(clientRequestId, (string?)innerError["client-request-id"]);
        Assert.Equal(clientRequestId, reply.Header("client-request-id"));
        Assert.True(Guid.TryParse((string?)innerError["request-id"], out _));
        Assert.Equal((string?)innerError["request-id"], reply.Header("request-id"));
        Assert.NotNull((string?)innerError["date"]);
        Assert.Equal("application/json", reply.ContentType);
    }

    [Fact]
    public async Task Non_GET_on_a_delta_endpoint_returns_405()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        using var http = new GraphHttp();
        using var request = new HttpRequestMessage(HttpMethod.Post, InboxDelta(server));

        var reply = await http.SendAsync(request);

        Assert.Equal(405, reply.Status);
    }
}
