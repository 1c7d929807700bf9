using Outreach.Core.Sources;
using Outreach.Graph.Mapping;
using Outreach.Graph.Tests.Support;
using static Outreach.Graph.Tests.Support.GraphFixture;

namespace Outreach.Graph.Tests.Reading;

/// <summary>
/// Mail through the real SDK against the loopback server: a first sync lists the window (no 5,000 cap) and
/// takes the folder's delta link from a short delta; later syncs follow that link.
/// </summary>
public sealed class GraphMailboxReaderMailTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = Now.AddDays(-180);

    private static async Task<GraphFixture> WithInbox(int messages, Action<GraphOptions>? configure = null)
    {
        var graph = await StartAsync(configure);
        var mailbox = graph.Server.Mailbox(Mailbox);
        for (var i = 0; i < messages; i++)
        {
            mailbox.AddMessage("inbox", Message($"m{i}", $"person{i % 7}@fabrikam.com", Now.AddHours(-i)));
        }

        return graph;
    }

    [Fact]
    public async Task Full_sync_lists_the_window_then_ends_on_a_delta_link_in_the_fewest_pages()
    {
        await using var graph = await WithInbox(25, o => o.ListPageSize = 10);

        var pages = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));

        // Three list pages (each later one re-reads the previous page's oldest message, dropped by id), then one
        // delta page from an hour before the newest message (m0 at Now, m1 at Now-1h).
        Assert.Equal([10, 9, 6, 2], pages.Select(p => p.Items.Count));
        Assert.Equal([false, false, false, true], pages.Select(p => p.IsFinal));
        Assert.Contains("$deltatoken=", pages[^1].Cursor, StringComparison.Ordinal);
        Assert.Equal(4, graph.Server.Requests.CountFor(Mailbox));
        Assert.Equal(25, pages.SelectMany(p => p.Items).Select(m => m.Id).Distinct().Count());
        Assert.All(pages, p => Assert.Null(p.IncompleteReason));
    }

    /// <summary>Reads the folder's first sync, calling <paramref name="betweenPages"/> after each page is handed out.</summary>
    private static async Task<List<ChangePage<MailMessageRecord>>> ReadWithChangesAsync(GraphFixture graph, Action<int> betweenPages)
    {
        var pages = new List<ChangePage<MailMessageRecord>>();
        await foreach (var page in graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
            betweenPages(pages.Count);
        }

        return pages;
    }

    [Fact]
    public async Task A_message_deleted_from_an_earlier_page_during_the_list_does_not_hide_another()
    {
        // Paging by $skip (the nextLink) would start page two one place too far and never show m10.
        await using var graph = await WithInbox(25, o => o.ListPageSize = 10);
        var mailbox = graph.Server.Mailbox(Mailbox);

        var pages = await ReadWithChangesAsync(graph, read =>
        {
            if (read == 1) mailbox.RemoveMessage("inbox", "m3");
            if (read == 2) mailbox.RemoveMessage("inbox", "m12");
        });

        var ids = pages.SelectMany(p => p.Items).Select(m => m.Id).ToHashSet();
        Assert.Superset(Enumerable.Range(0, 25).Select(i => $"m{i}").ToHashSet(), ids);
        Assert.Equal(25, ids.Count); // m3 and m12 were read before they went
        Assert.Equal(4, graph.Server.Requests.CountFor(Mailbox)); // still three list pages and the delta
    }

    [Fact]
    public async Task Messages_added_during_the_list_are_read_by_the_list_or_the_delta()
    {
        await using var graph = await WithInbox(25, o => o.ListPageSize = 10);
        var mailbox = graph.Server.Mailbox(Mailbox);

        var pages = await ReadWithChangesAsync(graph, read =>
        {
            if (read != 1) return;
            mailbox.AddMessage("inbox", Message("new", "late@fabrikam.com", Now.AddMinutes(5)));          // arrives: newer than all
            mailbox.AddMessage("inbox", Message("moved-in", "old@fabrikam.com", Now.AddHours(-20.5)));   // moved in: an old receipt
            mailbox.AddMessage("inbox", Message("twin", "twin@fabrikam.com", Now.AddHours(-9)));        // same instant as m9, page one's last
        });

        Assert.Superset(Enumerable.Range(0, 25).Select(i => $"m{i}").Concat(["new", "moved-in", "twin"]).ToHashSet(),
            pages.SelectMany(p => p.Items).Select(m => m.Id).ToHashSet());
        var listed = pages.Take(pages.Count - 1).SelectMany(p => p.Items).Select(m => m.Id).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count()); // the list reads each once; the delta reads "new"
        Assert.Contains("new", pages[^1].Items.Select(m => m.Id));
    }

    [Fact]
    public async Task More_than_a_page_of_messages_at_one_instant_are_all_read_without_looping()
    {
        await using var graph = await StartAsync(o => o.ListPageSize = 10);
        var mailbox = graph.Server.Mailbox(Mailbox);
        for (var i = 0; i < 25; i++) mailbox.AddMessage("inbox", Message($"same{i}", "bulk@fabrikam.com", Now.AddDays(-3)));
        mailbox.AddMessage("inbox", Message("older", "dana@fabrikam.com", Now.AddDays(-4)));

        var pages = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));

        var listed = pages.Take(pages.Count - 1).SelectMany(p => p.Items).Select(m => m.Id).ToList();
        Assert.Equal(26, listed.Count);
        Assert.Equal(26, listed.Distinct().Count());
        Assert.Equal(3 + 1, graph.Server.Requests.CountFor(Mailbox));
    }

    [Fact]
    public async Task A_list_cursor_written_before_keyset_paging_still_resumes()
    {
        await using var graph = await WithInbox(25, o => o.ListPageSize = 10);
        var first = await graph.Client.Users[Mailbox].MailFolders["inbox"].Messages.GetAsync(r =>
        {
            r.QueryParameters.Filter = "receivedDateTime ge " + Since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            r.QueryParameters.Orderby = ["receivedDateTime desc"];
            r.QueryParameters.Top = 10;
        }, TestContext.Current.CancellationToken);
        var legacy = "outreach-list|" + Now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + first!.OdataNextLink;

        var pages = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, legacy, Since, TestContext.Current.CancellationToken));

        var listed = pages.Take(pages.Count - 1).SelectMany(p => p.Items).Select(m => m.Id).ToList();
        Assert.Equal(Enumerable.Range(10, 15).Select(i => $"m{i}").ToHashSet(), listed.ToHashSet());
        Assert.Equal(15, listed.Count);
        Assert.True(pages[^1].IsFinal);
    }

    [Fact]
    public async Task Only_the_envelope_is_selected_and_never_a_body()
    {
        await using var graph = await WithInbox(3);

        var pages = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));

        var (list, delta) = (graph.Server.Requests.Entries[0], graph.Server.Requests.Entries[1]);
        Assert.EndsWith("/mailFolders/inbox/messages", list.Path, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(GraphRecordMapper.MessageFields(MailFolderKind.Inbox, withHeaders: true).Order(), list.Select!.Order());
        Assert.Equal(list.Select!.Order(), delta.Select!.Order());
        Assert.DoesNotContain(list.Select!, f => f.Contains("body", StringComparison.OrdinalIgnoreCase));
        Assert.True(list.HadBearerToken);
        Assert.Equal("receivedDateTime ge 2025-12-03T12:00:00Z", list.Query["$filter"]);
        Assert.Equal("receivedDateTime desc", list.Query["$orderby"]);
        Assert.Equal("1000", list.Query["$top"]);
        Assert.Contains(list.Prefer, p => p.Contains("IdType=\"ImmutableId\"", StringComparison.Ordinal));
        // Delta pages by Prefer: odata.maxpagesize, never $top, and starts an hour before the newest message.
        Assert.Contains(delta.Prefer, p => p.Contains("odata.maxpagesize=1000", StringComparison.Ordinal));
        Assert.Contains(delta.Prefer, p => p.Contains("IdType=\"ImmutableId\"", StringComparison.Ordinal));
        Assert.False(delta.Query.ContainsKey("$top"));
        Assert.False(delta.Query.ContainsKey("$orderby"));
        Assert.Equal("receivedDateTime ge 2026-06-01T11:00:00Z", delta.Query["$filter"]);
        Assert.Equal("bulk", pages[0].Items[0].Headers.Single(h => h.Key == "Precedence").Value);
    }

    [Fact]
    public async Task Without_header_reading_the_headers_are_not_asked_for()
    {
        await using var graph = await WithInbox(1, o => o.ReadMessageHeaders = false);

        await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));

        Assert.DoesNotContain("internetMessageHeaders", graph.Server.Requests.Entries[0].Select!);
    }

    [Fact]
    public async Task Messages_older_than_the_look_back_are_not_read()
    {
        await using var graph = await WithInbox(2);
        graph.Server.Mailbox(Mailbox).AddMessage("inbox", Message("old", "old@fabrikam.com", Now.AddDays(-400)));

        var pages = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));

        Assert.DoesNotContain(pages.SelectMany(p => p.Items), m => m.Id == "old");
    }

    [Fact]
    public async Task The_delta_link_returns_only_what_changed_in_one_request()
    {
        await using var graph = await WithInbox(12, o => o.PageSize = 5);
        var full = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));
        var mailbox = graph.Server.Mailbox(Mailbox);
        mailbox.AddMessage("inbox", Message("new", "Dana@Fabrikam.com", Now));
        mailbox.RemoveMessage("inbox", "m3");
        graph.Server.Requests.Clear();

        var changes = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, full[^1].Cursor, Since, TestContext.Current.CancellationToken));

        var page = Assert.Single(changes);
        Assert.Equal("new", Assert.Single(page.Items).Id);
        Assert.Equal("Dana@Fabrikam.com", page.Items[0].From!.Address);
        Assert.Equal(["m3"], page.RemovedIds);
        Assert.Equal(1, graph.Server.Requests.Count);
    }

    [Fact]
    public async Task An_unchanged_folder_costs_one_request()
    {
        await using var graph = await WithInbox(30, o => o.PageSize = 10);
        var full = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));
        graph.Server.Requests.Clear();

        var again = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, full[^1].Cursor, Since, TestContext.Current.CancellationToken));

        Assert.Empty(Assert.Single(again).Items);
        Assert.Equal(1, graph.Server.Requests.Count);
    }

    [Fact]
    public async Task A_next_link_resumes_a_round_that_stopped_half_way()
    {
        await using var graph = await WithInbox(25, o => o.PageSize = 10);
        var firstPage = await FirstAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken));

        var rest = await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, firstPage.Cursor, Since, TestContext.Current.CancellationToken));

        Assert.Equal(25, firstPage.Items.Concat(rest.SelectMany(p => p.Items)).Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task Sent_items_are_read_from_their_own_folder()
    {
        await using var graph = await StartAsync();
        graph.Server.Mailbox(Mailbox).AddMessage("sentitems", Message("s1", Mailbox, Now, to: "dana@fabrikam.com", cc: "lee@contoso.com"));

        var sent = (await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.SentItems, null, Since, TestContext.Current.CancellationToken)))
            .SelectMany(p => p.Items).DistinctBy(m => m.Id).Single();

        Assert.EndsWith("/mailFolders/sentitems/messages", graph.Server.Requests.Entries[0].Path, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/mailFolders/sentitems/messages/delta", graph.Server.Requests.Entries[^1].Path, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("dana@fabrikam.com", "lee@contoso.com"), (sent.To.Single().Address, sent.Cc.Single().Address));
    }

    [Fact]
    public async Task Received_mail_asks_for_its_sender_and_headers_but_not_its_recipients()
    {
        await using var graph = await WithInbox(1);

        var received = (await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.Inbox, null, Since, TestContext.Current.CancellationToken)))
            .SelectMany(p => p.Items).DistinctBy(m => m.Id).Single();

        var select = graph.Server.Requests.Entries[0].Select!;
        Assert.Contains("from", select);
        Assert.Contains("receivedDateTime", select);
        Assert.Contains("internetMessageHeaders", select);
        Assert.DoesNotContain("toRecipients", select);
        Assert.DoesNotContain("ccRecipients", select);
        Assert.DoesNotContain("sender", select);
        Assert.Equal("person0@fabrikam.com", received.From!.Address);
        Assert.Empty(received.To);
    }

    [Fact]
    public async Task Sent_items_ask_for_recipients_and_never_for_headers()
    {
        await using var graph = await StartAsync();
        graph.Server.Mailbox(Mailbox).AddMessage("sentitems", Message("s1", Mailbox, Now, to: "dana@fabrikam.com"));

        var sent = (await AllAsync(graph.Reader.ReadMailAsync(Mailbox, MailFolderKind.SentItems, null, Since, TestContext.Current.CancellationToken)))
            .SelectMany(p => p.Items).DistinctBy(m => m.Id).Single();

        // Automated-sender detection is about who wrote to the owner: the owner's own mail needs no headers.
        // The list also asks for receivedDateTime: the newest one is where the delta starts.
        var select = graph.Server.Requests.Entries[^1].Select!;
        Assert.Equal(GraphRecordMapper.MessageFields(MailFolderKind.SentItems, withHeaders: true).Order(), select.Order());
        Assert.Equal([.. select.Append("receivedDateTime").Order()], graph.Server.Requests.Entries[0].Select!.Order());
        Assert.DoesNotContain("internetMessageHeaders", select);
        Assert.Contains("toRecipients", select);
        Assert.Contains("sentDateTime", select);
        Assert.Empty(sent.Headers);
        Assert.Equal(Now, sent.SentAt);
    }

    private static async Task<ChangePage<MailMessageRecord>> FirstAsync(IAsyncEnumerable<ChangePage<MailMessageRecord>> pages)
    {
        await foreach (var page in pages) return page;
        throw new InvalidOperationException("no page");
    }
}
