using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;
using Outreach.Graph.Teams;
using Outreach.Testing.Graph;
using static Outreach.Graph.Tests.Teams.TeamsFixture;

namespace Outreach.Graph.Tests.Teams;

/// <summary>Teams chats and their messages through the real SDK against the loopback server's chat wire format.</summary>
public sealed class GraphTeamsReaderChatTests
{
    private const string Owner = "avery@northwind.com";
    private static readonly DateTimeOffset Since = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A oneOnOne chat of the owner and Dana (whose member email is given, so no directory lookup).</summary>
    private static string OneOnOne(TeamsFixture teams, string id = "19:dana_avery@unq.gbl.spaces")
    {
        teams.Teams.AddChat(TeamsWire.Chat(id, "oneOnOne", Since.AddDays(-100)),
            TeamsWire.Member(teams.OwnerId, "Avery Quinn", Owner),
            TeamsWire.Member(Colleague, "Dana Reyes", ColleagueMail));
        return id;
    }

    private static List<ChatMessageRecord> Messages(IEnumerable<ChangePage<TeamsChatItem>> pages) =>
        [.. pages.SelectMany(p => p.Items).Select(i => i.Message).OfType<ChatMessageRecord>()];

    [Fact]
    public async Task The_owners_message_and_a_members_message_name_their_senders_and_every_member()
    {
        await using var teams = await StartAsync();
        var chat = OneOnOne(teams);
        teams.Teams.AddMessage(chat, TeamsWire.Message("1001", chat, teams.OwnerId, Since.AddDays(1)));
        teams.Teams.AddMessage(chat, TeamsWire.Message("1002", chat, Colleague, Since.AddDays(2)));

        var messages = Messages(await teams.ChatsAsync(null, Since)).OrderBy(m => m.At).ToList();

        Assert.Equal([Owner, ColleagueMail], messages.Select(m => m.From!.Address));
        Assert.All(messages, m => Assert.Equal([Owner, ColleagueMail], m.Members.Select(x => x.Address).Order(StringComparer.Ordinal)));
        Assert.All(messages, m => Assert.Equal(chat, m.ChatId));
        Assert.Equal(Since.AddDays(1), messages[0].At);
        Assert.NotEqual(messages[0].Id, messages[1].Id);
    }

    [Fact]
    public async Task Chats_of_more_than_eight_members_and_meeting_chats_are_not_read()
    {
        await using var teams = await StartAsync();
        var small = OneOnOne(teams);
        var group = "19:group-of-8@thread.v2";
        teams.Teams.AddChat(TeamsWire.Chat(group, "group", Since),
            [TeamsWire.Member(teams.OwnerId, "Avery", Owner), TeamsWire.Member(Guest, "Gus", null), .. Enumerable.Range(0, 6).Select(i => TeamsWire.Member($"u{i}", $"U{i}", $"u{i}@northwind.com"))]);
        var big = "19:group-of-9@thread.v2";
        teams.Teams.AddChat(TeamsWire.Chat(big, "group", Since),
            [TeamsWire.Member(teams.OwnerId, "Avery", Owner), .. Enumerable.Range(0, 8).Select(i => TeamsWire.Member($"u{i}", $"U{i}", $"u{i}@northwind.com"))]);
        var meeting = "19:meeting_abc@thread.v2";
        teams.Teams.AddChat(TeamsWire.Chat(meeting, "meeting", Since), TeamsWire.Member(teams.OwnerId, "Avery", Owner), TeamsWire.Member(Colleague, "Dana", ColleagueMail));
        foreach (var chat in new[] { small, group, big, meeting }) teams.Teams.AddMessage(chat, TeamsWire.Message("m-" + chat, chat, Colleague, Since.AddDays(1)));

        var messages = Messages(await teams.ChatsAsync(null, Since));

        Assert.Equal([small, group], messages.Select(m => m.ChatId).Order(StringComparer.Ordinal));
        // The group's guest had no member email: the directory named them.
        Assert.Contains(GuestMail, messages.Single(m => m.ChatId == group).Members.Select(m => m.Address));
        Assert.Empty(teams.RequestsTo(Uri.EscapeDataString(big)).Concat(teams.RequestsTo(big + "/messages")));
        Assert.Empty(teams.RequestsTo(meeting));
    }

    [Fact]
    public async Task A_call_ended_system_message_is_a_call_and_deleted_or_other_system_messages_are_skipped()
    {
        await using var teams = await StartAsync();
        var chat = OneOnOne(teams);
        var ended = Since.AddDays(3);
        teams.Teams.AddMessage(chat, TeamsWire.CallEnded("2001", chat, "call-7", ended, TimeSpan.FromMinutes(25), "call", teams.OwnerId, Colleague));
        teams.Teams.AddMessage(chat, TeamsWire.Message("2002", chat, Colleague, Since.AddDays(4), deleted: true));
        var added = TeamsWire.Message("2003", chat, Colleague, Since.AddDays(5));
        added["messageType"] = "systemEventMessage";
        added["eventDetail"] = new System.Text.Json.Nodes.JsonObject { ["@odata.type"] = "#microsoft.graph.membersAddedEventMessageDetail" };
        teams.Teams.AddMessage(chat, added);

        var items = (await teams.ChatsAsync(null, Since)).SelectMany(p => p.Items).ToList();

        var call = Assert.Single(items).Call!;
        Assert.Equal(GraphTeamsReader.CallIdPrefix + "call-7", call.EventId);
        Assert.Equal(ended - TimeSpan.FromMinutes(25), call.Start);
        Assert.Equal(ended, call.End);
        Assert.Equal(2, call.ParticipantCount);
        Assert.Equal([Owner, ColleagueMail], call.Participants.Select(p => p.Address).Order(StringComparer.Ordinal));
        Assert.Equal(MeetingMedium.Unknown, call.Medium);
    }

    [Fact]
    public async Task The_next_run_reads_only_messages_modified_since_the_last_one()
    {
        await using var teams = await StartAsync();
        var chat = OneOnOne(teams);
        for (var i = 0; i < 3; i++) teams.Teams.AddMessage(chat, TeamsWire.Message($"m{i}", chat, Colleague, Since.AddHours(i + 1)));
        var first = await teams.ChatsAsync(null, Since);
        Assert.Equal(3, Messages(first).Count);

        teams.Teams.AddMessage(chat, TeamsWire.Message("m-new", chat, teams.OwnerId, Since.AddHours(10)));
        // An edit moves an old message's lastModifiedDateTime: it comes again, with the same id.
        teams.Teams.AddMessage(chat, TeamsWire.Message("m0", chat, Colleague, Since.AddHours(1), modified: Since.AddHours(11)));
        teams.Requests.Clear();
        var second = await teams.ChatsAsync(first[^1].Cursor, Since);

        Assert.Equal([$"{chat}/m-new", $"{chat}/m0"], Messages(second).Select(m => m.Id).Order(StringComparer.Ordinal));
        var reads = teams.RequestsTo("/messages");
        var read = Assert.Single(reads);
        Assert.StartsWith("lastModifiedDateTime gt 2026-11-10T03:00:00", read.Query["$filter"], StringComparison.Ordinal);
        Assert.Equal("lastModifiedDateTime desc", read.Query["$orderby"]);
        Assert.Equal("50", read.Query["$top"]);

        teams.Requests.Clear();
        var third = await teams.ChatsAsync(second[^1].Cursor, Since);
        Assert.Empty(Messages(third));
    }

    [Fact]
    public async Task A_chat_with_more_than_a_page_of_new_messages_is_read_to_the_end()
    {
        await using var teams = await StartAsync();
        var chat = OneOnOne(teams);
        for (var i = 0; i < 120; i++) teams.Teams.AddMessage(chat, TeamsWire.Message($"m{i:000}", chat, i % 2 == 0 ? Colleague : teams.OwnerId, Since.AddMinutes(i + 1)));

        var pages = await teams.ChatsAsync(null, Since);

        Assert.Equal(120, Messages(pages).Select(m => m.Id).Distinct().Count());
        Assert.Equal(3, teams.RequestsTo("/messages").Count);
        Assert.Equal([false, false, true], pages.Select(p => p.IsFinal));
        // Until the chat was read to its end the cursor did not advance it: a crash there re-reads the chat.
        Assert.Equal(pages[0].Cursor, pages[1].Cursor);
        Assert.NotEqual(pages[1].Cursor, pages[2].Cursor);
    }

    [Fact]
    public async Task GetAllMessages_is_never_called_and_no_message_content_is_kept()
    {
        await using var teams = await StartAsync();
        var chat = OneOnOne(teams);
        teams.Teams.AddMessage(chat, TeamsWire.Message("1", chat, Colleague, Since.AddDays(1)));
        teams.Teams.AddMessage(chat, TeamsWire.CallEnded("2", chat, "call-1", Since.AddDays(2), TimeSpan.FromMinutes(3), "call", teams.OwnerId, Colleague));

        var items = (await teams.ChatsAsync(null, Since)).SelectMany(p => p.Items).ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal(0, teams.Teams.GetAllMessagesRequests);
        Assert.DoesNotContain(teams.Requests.Entries, e => e.Path.Contains("getAllMessages", StringComparison.OrdinalIgnoreCase));
        // Records carry no text: nothing of the body can reach the state.
        Assert.All(items, i => Assert.DoesNotContain("secret chat text", i.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(teams.Requests.Entries, e => e.Query.Values.Any(v => v.Contains("body", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Throttled_chat_requests_are_retried_after_Retry_After()
    {
        await using var teams = await StartAsync();
        var chat = OneOnOne(teams);
        teams.Teams.AddMessage(chat, TeamsWire.Message("1", chat, Colleague, Since.AddDays(1)));
        teams.Graph.Server.Faults.Throttle(2, 429, retryAfterSeconds: 1);
        var started = DateTimeOffset.UtcNow;

        var messages = Messages(await teams.ChatsAsync(null, Since));

        Assert.Single(messages);
        Assert.Equal(2, teams.Requests.Entries.Count(e => e.StatusCode == 429));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1.9), "the retry handler must wait as Retry-After says");
    }

    [Fact]
    public async Task Access_denied_names_Chat_Read_All_and_that_it_is_a_protected_API()
    {
        await using var teams = await StartAsync();
        teams.Graph.Server.Faults.Fail(Outreach.Graph.Tests.Support.GraphFixture.Mailbox, 403, "Forbidden", "Missing role permissions on the request.");

        var error = await Assert.ThrowsAsync<MailboxAccessException>(() => teams.ChatsAsync(null, Since));

        Assert.Equal(MailboxAccessFailure.Forbidden, error.Failure);
        Assert.Contains(GraphPermissions.ChatReadAll, error.Message, StringComparison.Ordinal);
        Assert.Contains("protected API", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_Graph_refuses_is_reported_missing_and_the_others_are_read()
    {
        await using var teams = await StartAsync();
        var readable = OneOnOne(teams);
        var foreign = OneOnOne(teams, "19:foreign_avery@unq.gbl.spaces");
        teams.Teams.AddMessage(readable, TeamsWire.Message("1", readable, Colleague, Since.AddDays(1)));
        teams.Teams.AddMessage(foreign, TeamsWire.Message("2", foreign, Colleague, Since.AddDays(1)));
        teams.Teams.RefuseMessages(foreign);

        var pages = await teams.ChatsAsync(null, Since);

        Assert.Equal([readable], Messages(pages).Select(m => m.ChatId));
        Assert.Contains("1 of 2 Teams chats", pages[^1].IncompleteReason, StringComparison.Ordinal);
        // The refused chat keeps no mark: the next run tries it again from the start.
        Assert.DoesNotContain(foreign, pages[^1].Cursor, StringComparison.Ordinal);

        teams.Teams.RefuseMessages(readable);
        var error = await Assert.ThrowsAsync<MailboxAccessException>(() => teams.ChatsAsync(null, Since));
        Assert.Equal(MailboxAccessFailure.Forbidden, error.Failure);
    }

    [Fact]
    public async Task An_owner_without_chats_gets_one_final_empty_page()
    {
        await using var teams = await StartAsync();

        var pages = await teams.ChatsAsync(null, Since);

        var page = Assert.Single(pages);
        Assert.True(page.IsFinal);
        Assert.Empty(page.Items);
    }
}
