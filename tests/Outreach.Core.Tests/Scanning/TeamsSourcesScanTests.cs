using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Imports;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using Outreach.Core.Touchpoints;
using Outreach.Storage.Files.State;
using static Outreach.Core.Tests.Support.Build;
using static Outreach.Core.Tests.Support.Teams;

namespace Outreach.Core.Tests.Scanning;

/// <summary>Issue 13: which sources a scan reads, the Teams feeds' own cursors, and imports in every evaluation.</summary>
public sealed class TeamsSourcesScanTests : IDisposable
{
    private const string Dana = "dana@fabrikam.com";
    private const string Jonas = "jonas@adatum.com";
    private const string Lena = "lena@adatum.com";
    private const string Sofia = "https://www.linkedin.com/in/sofia";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-teams-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedMailboxReader _reader = new();
    private readonly FakeTeamsReader _teams = new();
    private readonly FakeTimeProvider _time = new(AsOf);

    public TeamsSourcesScanTests()
    {
        var (inbox, sent) = WarmThread(Dana);
        _reader.Add(MailFolderKind.Inbox, inbox);
        _reader.Add(MailFolderKind.SentItems, sent);
        _reader.Add(MailFolderKind.Inbox, Received(Jonas, 4, "j"), Received(Jonas, 9, "j"));
        _reader.Add(MailFolderKind.SentItems, Sent(Jonas, 6, "j"));
        _teams.Calls.Add(Call(Jonas, -10, video: true));
        _teams.ChatItems.Add(new TeamsChatItem(Chat("c", Lena, 3, [Lena]), null));
        _teams.ChatItems.Add(new TeamsChatItem(Chat("c", Owner, 2, [Lena]), null));
        _teams.ChatItems.Add(new TeamsChatItem(Chat("c", Lena, 1, [Lena]), null));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private MailboxScanner Scanner(string sources, bool withTeams = true, IImportStore? imports = null) => new(
        _reader,
        new FileMailboxStateStore(_directory),
        Options.Create(new WarmthPolicyOptions()),
        Options.Create(new ScanOptions { CheckpointInterval = TimeSpan.Zero }),
        _time,
        NullLogger<MailboxScanner>.Instance,
        sources: Options.Create(new SourceOptions { Sources = sources }),
        teams: withTeams ? _teams : null,
        imports: imports);

    private static ContactAssessment Of(ScanResult result, string key) => result.Contacts.Single(c => c.Email == key);

    [Fact]
    public async Task With_mail_and_calendar_only_the_Teams_reader_is_never_called_and_statuses_are_as_before()
    {
        var result = await Scanner("mail,calendar").ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.Empty(_teams.Asked);
        Assert.Equal(ContactStatus.Flagged, Of(result, Jonas).Status);
        Assert.DoesNotContain(result.Contacts, c => c.Email == Lena);
        Assert.Equal([StreamNames.Calendar, StreamNames.Inbox, StreamNames.SentItems],
            (await new FileMailboxStateStore(_directory).LoadAsync(Owner, TestContext.Current.CancellationToken))!.Cursors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Teams_sources_read_calls_and_chats_so_a_video_call_is_met_and_a_chat_only_contact_counts()
    {
        var result = await Scanner("mail,calendar,teamsCalls,teamsChats").ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);

        Assert.Equal(ContactStatus.Met, Of(result, Jonas).Status);
        var lena = Of(result, Lena);
        Assert.Equal(ContactStatus.Flagged, lena.Status);
        Assert.Equal(new ChannelCounts(0, 3, 0), lena.Channels);
        Assert.Contains(("calls", (string?)null, AsOf.AddDays(-MailboxScanner.CallRecordRetentionDays)), _teams.Asked);
        Assert.Contains(("chats", (string?)null, AsOf.AddDays(-180)), _teams.Asked);
    }

    [Fact]
    public async Task The_Teams_feeds_continue_from_their_own_cursors_and_calls_stay_after_Graph_forgets_them()
    {
        await Scanner("mail,calendar,teamsCalls,teamsChats").ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);
        var cursors = (await new FileMailboxStateStore(_directory).LoadAsync(Owner, TestContext.Current.CancellationToken))!.Cursors;
        Assert.StartsWith("calls-cursor-", cursors[StreamNames.TeamsCalls], StringComparison.Ordinal);
        Assert.StartsWith("chats-cursor-", cursors[StreamNames.TeamsChats], StringComparison.Ordinal);
        _teams.Asked.Clear();
        _teams.Calls.Clear(); // Graph forgot the call record (kept 30 days)

        var second = await Scanner("mail,calendar,teamsCalls,teamsChats").ScanAsync(new ScanRequest(Owner, AsOf.AddDays(1)), null, TestContext.Current.CancellationToken);

        Assert.Contains(_teams.Asked, a => a.Feed == "calls" && a.Cursor == cursors[StreamNames.TeamsCalls]);
        Assert.Contains(_teams.Asked, a => a.Feed == "chats" && a.Cursor == cursors[StreamNames.TeamsChats]);
        Assert.Equal(ContactStatus.Met, Of(second, Jonas).Status);
        Assert.Equal(3, Of(second, Lena).Channels.TeamsChat);
    }

    [Fact]
    public async Task A_request_can_choose_its_own_sources_over_the_configured_ones()
    {
        var result = await Scanner("mail,calendar").ScanAsync(
            new ScanRequest(Owner, AsOf) { Sources = SourceKinds.Mail | SourceKinds.TeamsChats }, null, TestContext.Current.CancellationToken);

        Assert.Equal([("chats", (string?)null, AsOf.AddDays(-180))], _teams.Asked);
        Assert.Equal(ContactStatus.Flagged, Of(result, Lena).Status);
        Assert.Null(_reader.LastWindow); // the calendar was not read
    }

    [Fact]
    public async Task A_Teams_source_without_a_Teams_reader_fails_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Scanner("mail,teamsCalls", withTeams: false).ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken));

        Assert.Contains(SourceOptions.SettingName, error.Message, StringComparison.Ordinal);
        Assert.Contains("teamsCalls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imports_count_in_every_later_scan_and_never_enter_the_stored_state()
    {
        var imports = new FakeImportStore(LinkedIn(Sofia, null, Sofia, (20, TextDirection.Sent), (10, TextDirection.Received), (3, TextDirection.Sent)));
        var scanner = Scanner("mail,calendar", imports: imports);

        var first = await scanner.ScanAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromDays(1));
        var second = await scanner.ScanAsync(new ScanRequest(Owner, AsOf.AddDays(1)), null, TestContext.Current.CancellationToken);
        var evaluated = await scanner.EvaluateAsync(new ScanRequest(Owner, AsOf.AddDays(1)), null, TestContext.Current.CancellationToken);

        foreach (var result in new[] { first, second, evaluated })
        {
            var sofia = Of(result, Sofia);
            Assert.Equal(ContactStatus.Flagged, sofia.Status);
            Assert.True(sofia.IsLinkedInOnly);
            Assert.Equal(3, sofia.Channels.LinkedIn);
        }

        Assert.Equal(3, imports.Loads);
        foreach (var file in Directory.GetFiles(_directory, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("linkedin", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        }
    }
}
