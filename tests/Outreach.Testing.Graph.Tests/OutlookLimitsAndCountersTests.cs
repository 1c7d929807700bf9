using Outreach.Testing.Graph.Tests.Support;
using static Outreach.Testing.Graph.Tests.Support.GraphItems;

namespace Outreach.Testing.Graph.Tests;

/// <summary>Outlook's per-mailbox limits, throttling with a Retry-After cycle, and the counts a load run reads.</summary>
public sealed class OutlookLimitsAndCountersTests
{
    private const string Other = "other@northwind-labs.com";

    [Fact]
    public async Task Beyond_four_requests_at_once_a_mailbox_is_answered_429_with_Retry_After_when_the_limits_are_enforced()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Mailbox(Other);
        server.Outlook.Enforce = true;
        server.ResponseDelay = TimeSpan.FromSeconds(3); // all six overlap, even on a busy machine
        using var http = new GraphHttp();

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => http.GetAsync(InboxDelta(server)))
            .Append(http.GetAsync(InboxDelta(server, user: Other))));

        var throttled = replies.Where(r => r.Status == 429).ToList();
        Assert.Equal(2, throttled.Count);
        Assert.All(throttled, r => Assert.Equal("1", r.Header("Retry-After")));
        Assert.All(throttled, r => Assert.Equal("ApplicationThrottled", r.ErrorCode));
        Assert.Equal(200, replies[^1].Status); // another mailbox has limits of its own
        Assert.Equal(2, server.Outlook.Throttled);
        Assert.Equal(6, server.Requests.MaxConcurrentFor(User));
    }

    [Fact]
    public async Task Without_enforcement_the_limits_are_only_recorded()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.ResponseDelay = TimeSpan.FromSeconds(2);
        using var http = new GraphHttp();

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => http.GetAsync(InboxDelta(server))));

        Assert.All(replies, r => Assert.Equal(200, r.Status));
        Assert.Equal(0, server.Outlook.Throttled);
        Assert.Equal(6, server.Outlook.MostPerWindow[User]);
    }

    [Fact]
    public async Task The_ten_thousand_and_first_request_in_ten_minutes_waits_for_the_window()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        server.Mailbox(User);
        server.Outlook.Enforce = true;
        server.Requests.KeepEntries = false;
        using var http = new GraphHttp();
        var url = $"{server.BaseUrl}/users/{User}/mailboxSettings";

        // Four at a time: never over the concurrency limit, so only the window can throttle.
        for (var sent = 0; sent < OutlookLimits.RequestsPerWindow; sent += 4)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(4, OutlookLimits.RequestsPerWindow - sent)).Select(_ => http.GetAsync(url)));
            Assert.All(batch, r => Assert.Equal(200, r.Status));
        }

        var over = await http.GetAsync(url);

        Assert.Equal(429, over.Status);
        Assert.InRange(int.Parse(over.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture), 1, 600);
        Assert.Equal(OutlookLimits.RequestsPerWindow + 1, server.Outlook.MostPerWindow[User]);
        Assert.Equal(1, server.Outlook.Throttled);
    }

    [Fact]
    public async Task Every_nth_throttle_takes_its_Retry_After_from_the_cycle_and_is_counted()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 1);
        server.Faults.ThrottleEvery(2, [1, 0]);
        using var http = new GraphHttp();

        var replies = new List<GraphReply>();
        for (var i = 0; i < 6; i++) replies.Add(await http.GetAsync(InboxDelta(server)));
        var counted = server.Faults.Throttled;
        server.Faults.ResetThrottledCount();

        Assert.Equal([200, 429, 200, 429, 200, 429], replies.Select(r => r.Status));
        Assert.Equal(["1", "0", "1"], replies.Where(r => r.Status == 429).Select(r => r.Header("Retry-After")!));
        Assert.Equal(3, counted);
        Assert.Equal(0, server.Faults.Throttled);
    }

    [Fact]
    public async Task Without_entries_the_log_still_counts_requests_bytes_and_time_and_ResetCounters_starts_again()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        InboxWith(server, 3);
        server.Mailbox(Other);
        server.Requests.KeepEntries = false;
        using var http = new GraphHttp();

        var replies = new[]
        {
            await http.GetAsync(InboxDelta(server)),
            await http.GetAsync(InboxDelta(server)),
            await http.GetAsync(InboxDelta(server, user: Other)),
        };

        Assert.Empty(server.Requests.Entries);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, server.Requests.CountFor(User));
        Assert.Equal(1, server.Requests.PerMailbox[Other].Requests);
        Assert.Equal(replies.Sum(r => (long)r.BodyLength), server.Requests.Bytes);
        Assert.True(server.Requests.ActiveTime > TimeSpan.Zero);

        server.ResetCounters();

        Assert.Equal(0, server.Requests.Count);
        Assert.Equal(0, server.Requests.Bytes);
        Assert.Equal(0, server.Requests.CountFor(User));
        Assert.Equal(TimeSpan.Zero, server.Requests.ActiveTime);
    }

    [Fact]
    public async Task MaxConcurrent_counts_every_mailbox_and_MaxConcurrentAnyMailbox_the_busiest_one()
    {
        await using var server = await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);
        string[] users = ["a@northwind-labs.com", "b@northwind-labs.com", "c@northwind-labs.com"];
        foreach (var user in users) server.Mailbox(user);
        server.ResponseDelay = TimeSpan.FromSeconds(2);
        using var http = new GraphHttp();

        await Task.WhenAll(users.Append(users[0]).Select(user => http.GetAsync(InboxDelta(server, user: user))));

        Assert.Equal(4, server.Requests.MaxConcurrent);
        Assert.Equal(2, server.Requests.MaxConcurrentAnyMailbox);
    }
}
