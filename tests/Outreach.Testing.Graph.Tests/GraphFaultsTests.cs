using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

public sealed class GraphFaultsTests
{
    [Fact]
    public async Task Throttle_returns_429_with_Retry_After_for_count_requests_then_recovers()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Faults.Throttle(2, retryAfterSeconds: 7);
        using var http = new GraphHttp();

        var first = await http.GetAsync(InboxDelta(server));
        var second = await http.GetAsync(InboxDelta(server));
        var third = await http.GetAsync(InboxDelta(server));

        Assert.Equal(429, first.Status);
        Assert.Equal("ApplicationThrottled", first.ErrorCode);
        Assert.Equal("Application is over its MailboxConcurrency limit.", first.ErrorMessage);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal(429, second.Status);
        Assert.Equal(200, third.Status);
    }

    [Fact]
    public async Task Throttle_503_can_say_retry_after_zero_seconds()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Faults.Throttle(1, status: 503, retryAfterSeconds: 0);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(InboxDelta(server));

        Assert.Equal(503, reply.Status);
        Assert.Equal("ServiceUnavailable", reply.ErrorCode);
        Assert.Equal("0", reply.Header("Retry-After"));
    }

    [Fact]
    public async Task Throttle_for_a_mailbox_leaves_other_mailboxes_alone()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Mailbox("other@northwind-labs.com");
        server.Faults.Throttle(1, mailbox: "OTHER@northwind-labs.com");
        using var http = new GraphHttp();

        var mine = await http.GetAsync(InboxDelta(server));
        var theirs = await http.GetAsync(InboxDelta(server, user: "other@northwind-labs.com"));

        Assert.Equal(200, mine.Status);
        Assert.Equal(429, theirs.Status);
    }

    [Fact]
    public async Task Fail_returns_the_error_for_every_request_to_the_mailbox_until_cleared()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Faults.Fail(User, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        using var http = new GraphHttp();

        var first = await http.GetAsync(InboxDelta(server));
        var second = await http.GetAsync(CalendarDelta(server, Now, Now.AddDays(1)));
        server.Faults.Clear();
        var afterClear = await http.GetAsync(InboxDelta(server));

        Assert.Equal(403, first.Status);
        Assert.Equal("ErrorAccessDenied", first.ErrorCode);
        Assert.Equal("Access is denied. Check credentials and try again.", first.ErrorMessage);
        Assert.Equal(403, second.Status);
        Assert.Equal(200, afterClear.Status);
    }

    [Fact]
    public async Task ThrottleEvery_throttles_each_nth_request()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Faults.ThrottleEvery(3);
        using var http = new GraphHttp();

        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await http.GetAsync(InboxDelta(server))).Status);
        }

        Assert.Equal([200, 200, 429, 200, 200, 429, 200], statuses);
    }

    [Fact]
    public async Task Faults_apply_only_after_the_bearer_check()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Faults.Throttle(1);
        using var anonymous = new GraphHttp(withBearerToken: false);
        using var http = new GraphHttp();

        var unauthorized = await anonymous.GetAsync(InboxDelta(server));
        var throttled = await http.GetAsync(InboxDelta(server));

        Assert.Equal(401, unauthorized.Status);
        Assert.Equal(429, throttled.Status);
    }
}
