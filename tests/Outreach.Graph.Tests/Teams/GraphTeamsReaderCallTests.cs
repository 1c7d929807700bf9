using Outreach.Core.Touchpoints;
using Outreach.Graph.Teams;
using Outreach.Testing.Graph;
using static Outreach.Graph.Tests.Teams.TeamsFixture;

namespace Outreach.Graph.Tests.Teams;

/// <summary>Teams call records through the real SDK against the loopback server's callRecords wire format.</summary>
public sealed class GraphTeamsReaderCallTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);

    private static void AddCall(TeamsFixture teams, string id, DateTimeOffset start, string[] modalities, params string[] otherUsers)
    {
        var participants = new List<System.Text.Json.Nodes.JsonObject> { TeamsWire.UserParticipant(teams.OwnerId, "Avery") };
        participants.AddRange(otherUsers.Select(u => TeamsWire.UserParticipant(u, u)));
        teams.Teams.AddCallRecord(TeamsWire.CallRecord(id, start, start.AddMinutes(30), modalities), participants);
    }

    [Fact]
    public async Task Participants_v2_map_users_guests_and_federated_users_as_far_as_the_record_allows()
    {
        await using var teams = await StartAsync();
        var start = Since.AddDays(3);
        teams.Teams.AddCallRecord(TeamsWire.CallRecord("c-1", start, start.AddMinutes(45), "audio", "video"),
        [
            TeamsWire.UserParticipant(teams.OwnerId, "Avery Quinn"),
            TeamsWire.UserParticipant(Colleague, "Dana Reyes"),
            TeamsWire.UserParticipant(Guest, "Gus Green"),
            TeamsWire.UserParticipant("u-fred", "Fred (Tailspin)", tenantId: "other-tenant", userPrincipalName: "Fred@Tailspin.com"),
            TeamsWire.UserParticipant("u-nameless", "Federated, no UPN", tenantId: "other-tenant"),
            TeamsWire.GuestParticipant("anon-1", "Someone typed this"),
            TeamsWire.PhoneParticipant("+15550100"),
        ]);

        var pages = await teams.CallsAsync(null, Since);

        var call = Assert.Single(pages.SelectMany(p => p.Items));
        Assert.Equal(GraphTeamsReader.CallIdPrefix + "c-1", call.EventId);
        Assert.Equal(MeetingMedium.Video, call.Medium);
        Assert.Equal(start, call.Start);
        Assert.Equal(start.AddMinutes(45), call.End);
        Assert.Equal(7, call.ParticipantCount);
        Assert.Equal(
            ["avery@northwind.com", ColleagueMail, "fred@tailspin.com", GuestMail],
            call.Participants.Select(p => p.Address).Order(StringComparer.Ordinal));
        Assert.True(pages[^1].IsFinal);
    }

    [Fact]
    public async Task An_audio_only_call_is_voice_and_empty_modalities_are_read_from_the_sessions()
    {
        await using var teams = await StartAsync();
        AddCall(teams, "c-audio", Since.AddDays(1), ["audio"], Colleague);
        var start = Since.AddDays(2);
        teams.Teams.AddCallRecord(TeamsWire.CallRecord("c-sessions", start, start.AddMinutes(10)),
            [TeamsWire.UserParticipant(teams.OwnerId, "Avery"), TeamsWire.UserParticipant(Colleague, "Dana")],
            [TeamsWire.Session("s1", start, start.AddMinutes(10), "audio"), TeamsWire.Session("s2", start, start.AddMinutes(10), "audio", "video")]);

        var calls = (await teams.CallsAsync(null, Since)).SelectMany(p => p.Items).ToDictionary(c => c.EventId);

        Assert.Equal(MeetingMedium.Voice, calls["call:c-audio"].Medium);
        Assert.Equal(MeetingMedium.Video, calls["call:c-sessions"].Medium);
        // Only the record without modalities cost a sessions request.
        Assert.Single(teams.RequestsTo("/sessions"));
    }

    [Fact]
    public async Task Only_calls_of_the_owner_since_the_start_are_listed()
    {
        await using var teams = await StartAsync();
        AddCall(teams, "c-before", Since.AddHours(-1), ["audio"], Colleague);
        AddCall(teams, "c-mine", Since.AddHours(1), ["audio"], Colleague);
        var start = Since.AddHours(2);
        teams.Teams.AddCallRecord(TeamsWire.CallRecord("c-others", start, start.AddMinutes(5), "video"),
            [TeamsWire.UserParticipant(Colleague, "Dana"), TeamsWire.UserParticipant(Guest, "Gus")]);

        var calls = (await teams.CallsAsync(null, Since)).SelectMany(p => p.Items).ToList();

        Assert.Equal(["call:c-mine"], calls.Select(c => c.EventId));
        var list = Assert.Single(teams.RequestsTo("/communications/callRecords"), r => r.Path.EndsWith("callRecords", StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"participants_v2/any(p:p/id eq '{teams.OwnerId}')", list.Query["$filter"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_call_records_and_of_participants_are_followed()
    {
        await using var teams = await StartAsync(o => o.PageSize = 2);
        for (var i = 0; i < 5; i++) AddCall(teams, $"c-{i}", Since.AddHours(i + 1), ["audio"], Colleague);
        var start = Since.AddHours(10);
        teams.Teams.AddCallRecord(TeamsWire.CallRecord("c-big", start, start.AddHours(1), "video"),
            [TeamsWire.UserParticipant(teams.OwnerId, "Avery"), .. Enumerable.Range(0, 4).Select(i => TeamsWire.GuestParticipant($"g{i}", "guest"))]);

        var pages = await teams.CallsAsync(null, Since);

        Assert.Equal(6, pages.SelectMany(p => p.Items).DistinctBy(c => c.EventId).Count());
        Assert.Equal(5, pages.SelectMany(p => p.Items).Single(c => c.EventId == "call:c-big").ParticipantCount);
        Assert.Equal(3, pages.Count);
        Assert.Equal([false, false, true], pages.Select(p => p.IsFinal));
        // c-big's five participants come two a page.
        Assert.Equal(3, teams.RequestsTo("/callRecords/c-big/participants_v2").Count);
    }

    [Fact]
    public async Task The_next_run_reads_only_records_it_has_not_read_within_the_overlap()
    {
        await using var teams = await StartAsync();
        AddCall(teams, "c-old", Since.AddHours(1), ["audio"], Colleague);
        AddCall(teams, "c-newest", Since.AddHours(5), ["video"], Colleague);
        var first = await teams.CallsAsync(null, Since);
        Assert.Equal(2, first.SelectMany(p => p.Items).Count());

        // A long call that started before the newest one read only appears now (its record comes when it ends).
        AddCall(teams, "c-late", Since.AddHours(4), ["audio"], Guest);
        AddCall(teams, "c-next", Since.AddHours(30), ["audio"], Guest);
        teams.Requests.Clear();
        var second = await teams.CallsAsync(first[^1].Cursor, Since);

        Assert.Equal(["call:c-late", "call:c-next"], second.SelectMany(p => p.Items).Select(c => c.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(2, teams.RequestsTo("/participants_v2").Count);
    }

    [Fact]
    public async Task A_run_that_stopped_mid_list_resumes_at_the_next_page_without_reading_the_first_again()
    {
        await using var teams = await StartAsync(o => o.PageSize = 2);
        for (var i = 0; i < 4; i++) AddCall(teams, $"c-{i}", Since.AddHours(i + 1), ["audio"], Colleague);
        var firstPage = (await teams.CallsAsync(null, Since))[0];
        Assert.False(firstPage.IsFinal);
        teams.Requests.Clear();

        var resumed = await teams.CallsAsync(firstPage.Cursor, Since);

        Assert.Equal(["call:c-2", "call:c-3"], resumed.SelectMany(p => p.Items).Select(c => c.EventId));
        Assert.Equal(2, teams.RequestsTo("/participants_v2").Count);
        Assert.True(resumed[^1].IsFinal);
    }

    [Fact]
    public async Task A_person_is_looked_up_in_the_directory_once_per_run()
    {
        await using var teams = await StartAsync();
        AddCall(teams, "c-1", Since.AddHours(1), ["audio"], Colleague);
        AddCall(teams, "c-2", Since.AddHours(2), ["audio"], Colleague);

        var calls = (await teams.CallsAsync(null, Since)).SelectMany(p => p.Items).ToList();

        Assert.All(calls, c => Assert.Contains(c.Participants, p => p.Address == ColleagueMail));
        Assert.Single(teams.RequestsTo("/users/" + Colleague));
    }

    [Fact]
    public async Task Throttled_requests_are_retried_after_Retry_After()
    {
        await using var teams = await StartAsync();
        AddCall(teams, "c-1", Since.AddHours(1), ["video"], Colleague);
        teams.Graph.Server.Faults.Throttle(2, 429, retryAfterSeconds: 1);
        var started = DateTimeOffset.UtcNow;

        var calls = (await teams.CallsAsync(null, Since)).SelectMany(p => p.Items).ToList();

        Assert.Single(calls);
        Assert.Equal(2, teams.Requests.Entries.Count(e => e.StatusCode == 429));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1.9), "the retry handler must wait as Retry-After says");
    }

    [Fact]
    public async Task Access_denied_names_the_call_records_permission()
    {
        await using var teams = await StartAsync();
        teams.Graph.Server.Faults.Fail(Outreach.Graph.Tests.Support.GraphFixture.Mailbox, 403, "Forbidden", "Insufficient privileges.");

        var error = await Assert.ThrowsAsync<Core.Sources.MailboxAccessException>(() => teams.CallsAsync(null, Since));

        Assert.Equal(Core.Sources.MailboxAccessFailure.Forbidden, error.Failure);
        Assert.Contains(GraphPermissions.CallRecordsReadAll, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_this_reader_did_not_write_asks_for_a_fresh_start()
    {
        await using var teams = await StartAsync();

        await Assert.ThrowsAsync<Core.Sources.SyncCursorExpiredException>(() => teams.CallsAsync("https://graph.microsoft.com/v1.0/somewhere", Since));
    }
}
