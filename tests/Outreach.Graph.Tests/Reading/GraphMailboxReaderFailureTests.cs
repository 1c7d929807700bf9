using Outreach.Core.Sources;
using Outreach.Graph.Tests.Support;
using static Outreach.Graph.Tests.Support.GraphFixture;

namespace Outreach.Graph.Tests.Reading;

/// <summary>Throttling, refusals and dead cursors, as Graph sends them, through the SDK's own middleware.</summary>
public sealed class GraphMailboxReaderFailureTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<GraphFixture> WithOneMessage(Action<GraphOptions>? configure = null)
    {
        var graph = await StartAsync(configure);
        graph.Server.Mailbox(Mailbox).AddMessage("inbox", Message("m1", "dana@fabrikam.com", Since.AddDays(10)));
        return graph;
    }

    private static Task<List<ChangePage<MailMessageRecord>>> ReadInbox(GraphFixture graph, string mailbox = Mailbox, string? cursor = null) =>
        AllAsync(graph.Reader.ReadMailAsync(mailbox, MailFolderKind.Inbox, cursor, Since, TestContext.Current.CancellationToken));

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Throttled_requests_are_retried_after_Retry_After(int status)
    {
        await using var graph = await WithOneMessage();
        graph.Server.Faults.Throttle(2, status, retryAfterSeconds: 1);
        var started = DateTimeOffset.UtcNow;

        var pages = await ReadInbox(graph);

        // The list page (retried twice), then the delta that gives the folder its link: the one message, read twice.
        Assert.Single(pages.SelectMany(p => p.Items).DistinctBy(m => m.Id));
        Assert.Equal([status, status, 200, 200], graph.Server.Requests.Entries.Select(e => e.StatusCode));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1.9), "the retry handler must wait as Retry-After says");
    }

    [Fact]
    public async Task Throttling_beyond_the_retry_budget_fails_with_a_clear_message()
    {
        await using var graph = await WithOneMessage(o => o.MaxRetries = 1);
        graph.Server.Faults.Throttle(5, 429, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() => ReadInbox(graph));

        Assert.Equal(MailboxAccessFailure.Throttled, error.Failure);
        Assert.Contains("kept throttling", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, graph.Server.Requests.Count);
    }

    [Fact]
    public async Task Rejected_credentials_name_what_to_check()
    {
        await using var graph = await WithOneMessage();
        graph.Server.Faults.Fail(Mailbox, 401, "InvalidAuthenticationToken", "Access token validation failure.");

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() => ReadInbox(graph));

        Assert.Equal(MailboxAccessFailure.Unauthorized, error.Failure);
        Assert.Contains("OUTREACH_GRAPH_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidAuthenticationToken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "Mail.Read")]
    [InlineData(false, "Mail.ReadBasic.All")]
    public async Task Access_denied_names_the_missing_mail_permission(bool headers, string permission)
    {
        await using var graph = await WithOneMessage(o => o.ReadMessageHeaders = headers);
        graph.Server.Faults.Fail(Mailbox, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() => ReadInbox(graph));

        Assert.Equal(MailboxAccessFailure.Forbidden, error.Failure);
        Assert.Contains($"application permission {permission} ", error.Message, StringComparison.Ordinal);
        Assert.Contains(Mailbox, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_denied_to_the_calendar_names_Calendars_Read()
    {
        await using var graph = await WithOneMessage();
        graph.Server.Faults.Fail(Mailbox, 403, "ErrorAccessDenied", "Access is denied.");

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() =>
            AllAsync(graph.Reader.ReadCalendarAsync(Mailbox, new CalendarWindow(Since, Since.AddDays(90)), null, TestContext.Current.CancellationToken)));

        Assert.Contains("Calendars.Read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_mailbox_is_named()
    {
        await using var graph = await WithOneMessage();

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() => ReadInbox(graph, "nobody@northwind.com"));

        Assert.Equal(MailboxAccessFailure.NotFound, error.Failure);
        Assert.Contains("'nobody@northwind.com'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ErrorInvalidUser", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_delta_token_asks_for_a_resync()
    {
        await using var graph = await WithOneMessage();
        var full = await ReadInbox(graph);
        var tampered = full[^1].Cursor[..^6] + "AAAAAA";

        await Assert.ThrowsAsync<SyncCursorExpiredException>(() => ReadInbox(graph, cursor: tampered));
    }

    [Fact]
    public async Task An_unreachable_server_is_a_clear_failure()
    {
        var options = new GraphOptions { BaseUrl = "http://127.0.0.1:9/v1.0", AccessToken = "t", MaxRetries = 0 };
        using var client = OutreachGraphClientFactory.Create(options, Auth.GraphAuthentication.Create(options));
        var reader = new Outreach.Graph.Reading.GraphMailboxReader(client, Microsoft.Extensions.Options.Options.Create(options));

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() =>
            AllAsync(reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken)));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_more_than_four_requests_per_mailbox_are_in_flight()
    {
        await using var graph = await WithOneMessage();
        graph.Server.ResponseDelay = TimeSpan.FromMilliseconds(150);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ReadInbox(graph)));

        Assert.Equal(20, graph.Server.Requests.Count); // a list page and a delta page each
        Assert.InRange(graph.Server.Requests.MaxConcurrentFor(Mailbox), 2, 4);
    }
}
