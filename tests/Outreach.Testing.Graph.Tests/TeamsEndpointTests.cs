using Outreach.Testing.Graph.Tests.Support;

namespace Outreach.Testing.Graph.Tests;

/// <summary>The Teams endpoints speak Graph's wire format and enforce the documented query limits.</summary>
public sealed class TeamsEndpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private const string ChatId = "19:chat-1@thread.v2";

    private static async Task<GraphLoopbackServer> StartAsync() => await GraphLoopbackServer.StartAsync(TestContext.Current.CancellationToken);

    private static string Calls(GraphLoopbackServer server, string query = "") => $"{server.BaseUrl}/communications/callRecords{query}";

    private static string Messages(GraphLoopbackServer server, string query = "") => $"{server.BaseUrl}/chats/{Uri.EscapeDataString(ChatId)}/messages{query}";

    private static void ThreeCalls(GraphLoopbackServer server)
    {
        for (var i = 0; i < 3; i++)
        {
            server.Teams.AddCallRecord(TeamsWire.CallRecord($"c{i}", T0.AddHours(i), T0.AddHours(i).AddMinutes(10), "audio"),
                [TeamsWire.UserParticipant("u-owner", "Owner"), TeamsWire.UserParticipant($"u{i}", "Other")],
                [TeamsWire.Session($"s{i}", T0.AddHours(i), T0.AddHours(i).AddMinutes(10), "audio")]);
        }

        server.Teams.AddCallRecord(TeamsWire.CallRecord("c-other", T0, T0.AddMinutes(5), "video"), [TeamsWire.UserParticipant("u9", "Nine")]);
    }

    private static void ChatWithMessages(GraphLoopbackServer server, int count)
    {
        server.Teams.AddChat(TeamsWire.Chat(ChatId, "group", T0), TeamsWire.Member("u-owner", "Owner", "owner@x.com"), TeamsWire.Member("u1", "One", "one@x.com"));
        for (var i = 0; i < count; i++) server.Teams.AddMessage(ChatId, TeamsWire.Message($"m{i:00}", ChatId, "u1", T0.AddMinutes(i)));
    }

    [Fact]
    public async Task The_call_record_list_filters_by_participant_and_start_and_pages_without_relationships()
    {
        await using var server = await StartAsync();
        ThreeCalls(server);
        using var http = new GraphHttp();

        var filter = Uri.EscapeDataString($"participants_v2/any(p:p/id eq 'u-owner') and startDateTime ge {TeamsWire.Instant(T0.AddMinutes(30))}");
        var first = await http.GetAsync(Calls(server, "?$filter=" + filter), "odata.maxpagesize=1");
        var second = await http.GetAsync(first.NextLink!);

        Assert.Equal(["c1"], first.Ids);
        Assert.Equal(["c2"], second.Ids);
        Assert.Null(second.NextLink);
        Assert.Null(first.Items[0]["participants_v2"]);
        Assert.Null(first.Items[0]["sessions"]);
        Assert.Equal("audio", (string?)first.Items[0]["modalities"]![0]);
    }

    [Theory]
    [InlineData("?$expand=participants_v2")]
    [InlineData("?$top=5")]
    [InlineData("?$filter=type eq 'groupCall'")]
    [InlineData("?$filter=participants_v2/any(p:p/displayName eq 'x')")]
    public async Task The_call_record_list_refuses_what_Graph_does_not_support(string query)
    {
        await using var server = await StartAsync();
        using var http = new GraphHttp();

        var reply = await http.GetAsync(Calls(server, query));

        Assert.Equal(400, reply.Status);
        Assert.Equal("BadRequest", reply.ErrorCode);
    }

    [Fact]
    public async Task Participants_and_sessions_of_a_record_are_lists_of_their_own_and_sessions_page_at_60()
    {
        await using var server = await StartAsync();
        var participants = Enumerable.Range(0, 3).Select(i => TeamsWire.UserParticipant($"u{i}", "U")).ToList();
        var sessions = Enumerable.Range(0, 61).Select(i => TeamsWire.Session($"s{i}", T0, T0.AddMinutes(1), "audio")).ToList();
        server.Teams.AddCallRecord(TeamsWire.CallRecord("c1", T0, T0.AddHours(1), "audio"), participants, sessions);
        using var http = new GraphHttp();

        var people = await http.GetAsync(Calls(server, "/c1/participants_v2"), "odata.maxpagesize=2");
        var morePeople = await http.GetAsync(people.NextLink!);
        var firstSessions = await http.GetAsync(Calls(server, "/c1/sessions"), "odata.maxpagesize=100");
        var expanded = await http.GetAsync(Calls(server, "/c1?$expand=participants_v2"));
        var two = await http.GetAsync(Calls(server, "/c1?$expand=participants_v2,sessions"));
        var missing = await http.GetAsync(Calls(server, "/nope/participants_v2"));

        Assert.Equal(["u0", "u1"], people.Ids);
        Assert.Equal(["u2"], morePeople.Ids);
        Assert.Equal(60, firstSessions.Items.Count);
        Assert.NotNull(firstSessions.NextLink);
        Assert.Equal(3, expanded.Body["participants_v2"]!.AsArray().Count);
        Assert.Equal(400, two.Status);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task A_users_chats_filter_by_type_and_expand_at_most_25_members()
    {
        await using var server = await StartAsync();
        server.Teams.AddChat(TeamsWire.Chat("19:a", "oneOnOne", T0), TeamsWire.Member("u-owner", "Owner", "o@x.com"), TeamsWire.Member("u1", "One", "one@x.com"));
        server.Teams.AddChat(TeamsWire.Chat("19:b", "group", T0),
            [TeamsWire.Member("u-owner", "Owner", "o@x.com"), .. Enumerable.Range(0, 30).Select(i => TeamsWire.Member($"g{i}", "G", null))]);
        server.Teams.AddChat(TeamsWire.Chat("19:c", "meeting", T0), TeamsWire.Member("u-owner", "Owner", "o@x.com"));
        server.Teams.AddChat(TeamsWire.Chat("19:d", "oneOnOne", T0), TeamsWire.Member("u-else", "Else", "e@x.com"));
        server.Teams.AddUser(TeamsWire.User("u-owner", "Owner", "o@x.com"));
        using var http = new GraphHttp();

        var filter = Uri.EscapeDataString("chatType eq 'oneOnOne' or chatType eq 'group'");
        var reply = await http.GetAsync($"{server.BaseUrl}/users/u-owner/chats?$filter={filter}&$expand=members&$top=50");
        var tooMany = await http.GetAsync($"{server.BaseUrl}/users/u-owner/chats?$top=51");
        var select = await http.GetAsync($"{server.BaseUrl}/users/u-owner/chats?$select=id");

        Assert.Equal(["19:a", "19:b"], reply.Ids);
        Assert.Equal(25, reply.Items[1]["members"]!.AsArray().Count);
        Assert.Equal(400, tooMany.Status);
        Assert.Equal(400, select.Status);
    }

    [Fact]
    public async Task Chat_messages_filter_only_when_sorted_by_the_same_property_descending()
    {
        await using var server = await StartAsync();
        ChatWithMessages(server, 5);
        using var http = new GraphHttp();
        var since = Uri.EscapeDataString("lastModifiedDateTime gt " + TeamsWire.Instant(T0.AddMinutes(2)));

        var sorted = await http.GetAsync(Messages(server, $"?$filter={since}&$orderby=lastModifiedDateTime desc"));
        var unsorted = await http.GetAsync(Messages(server, $"?$filter={since}"));
        var ascending = await http.GetAsync(Messages(server, "?$orderby=lastModifiedDateTime asc"));
        var ge = await http.GetAsync(Messages(server, "?$orderby=lastModifiedDateTime desc&$filter=" + Uri.EscapeDataString("lastModifiedDateTime ge " + TeamsWire.Instant(T0))));

        Assert.Equal(["m04", "m03"], sorted.Ids);
        Assert.Equal(5, unsorted.Items.Count); // Graph ignores the filter without a matching $orderby
        Assert.Equal(400, ascending.Status);
        Assert.Equal(400, ge.Status);
    }

    [Theory]
    [InlineData("?$top=51")]
    [InlineData("?$select=id,createdDateTime")]
    [InlineData("?$expand=replies")]
    [InlineData("?$skip=10")]
    public async Task Chat_messages_refuse_what_Graph_does_not_support(string query)
    {
        await using var server = await StartAsync();
        ChatWithMessages(server, 1);
        using var http = new GraphHttp();

        var reply = await http.GetAsync(Messages(server, query));

        Assert.Equal(400, reply.Status);
        Assert.Equal("BadRequest", reply.ErrorCode);
    }

    [Fact]
    public async Task Chat_messages_page_by_next_link_newest_first()
    {
        await using var server = await StartAsync();
        ChatWithMessages(server, 60);
        using var http = new GraphHttp();

        var first = await http.GetAsync(Messages(server, "?$top=50"));
        var second = await http.GetAsync(first.NextLink!);

        Assert.Equal(50, first.Items.Count);
        Assert.Equal("m59", first.Ids[0]);
        Assert.Equal(10, second.Items.Count);
        Assert.Null(second.NextLink);
        Assert.Empty(first.Ids.Intersect(second.Ids));
    }

    [Theory]
    [InlineData("/users/u-owner/chats/getAllMessages")]
    [InlineData("/users/u-owner/chats/getAllMessages()")]
    [InlineData("/chats/getAllMessages")]
    public async Task GetAllMessages_is_counted_and_refused(string path)
    {
        await using var server = await StartAsync();
        using var http = new GraphHttp();

        var reply = await http.GetAsync(server.BaseUrl + path);

        Assert.Equal(402, reply.Status);
        Assert.Equal(1, server.Teams.GetAllMessagesRequests);
    }

    [Fact]
    public async Task Directory_users_and_mailbox_owners_are_found_by_object_id()
    {
        await using var server = await StartAsync();
        server.Teams.AddUser(TeamsWire.User("u-guest", "Gus", "gus@fabrikam.com", "gus_fabrikam.com#EXT#@northwind.onmicrosoft.com"));
        var owner = server.Mailbox("avery@northwind.com");
        using var http = new GraphHttp();

        var guest = await http.GetAsync($"{server.BaseUrl}/users/u-guest?$select=mail,userPrincipalName");
        var byId = await http.GetAsync($"{server.BaseUrl}/users/{owner.ObjectId}?$select=id,mail");
        var unknown = await http.GetAsync($"{server.BaseUrl}/users/u-nobody");

        Assert.Equal("gus@fabrikam.com", (string?)guest.Body["mail"]);
        Assert.Null(guest.Body["displayName"]);
        Assert.Equal("avery@northwind.com", (string?)byId.Body["mail"]);
        Assert.Equal(404, unknown.Status);
        Assert.Equal("Request_ResourceNotFound", unknown.ErrorCode);
    }
}
