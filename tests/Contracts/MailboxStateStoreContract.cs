using System.Text.Json;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Tests.Contracts;

/// <summary>
/// What every <see cref="IMailboxStateStore"/> promises, run against each implementation: the file store
/// (Outreach.Storage.Files.Tests) and the table store (Outreach.Storage.Tests, against Azurite). This one source
/// file is compiled into both test projects. A derived class supplies the store; each test uses a mailbox
/// of its own, so stores that share a table can run their tests in parallel.
/// </summary>
public abstract class MailboxStateStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));

    /// <summary>A mailbox no other test uses.</summary>
    protected string Mailbox { get; } = $"avery.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    /// <summary>The store under test; may be called more than once (a second call is a second worker).</summary>
    protected abstract IMailboxStateStore CreateStore();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A state with something in every part: cursors, windows, owner addresses, ledgers, meetings.</summary>
    protected MailboxState SampleState(int contacts = 3, int touchpointsPerContact = 4)
    {
        var state = MailboxState.Create(Mailbox);
        state.OwnerAddresses.Add(state.Mailbox);
        state.OwnerAddresses.Add("avery.alias@northwind.com");
        state.Cursors[StreamNames.Inbox] = "https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=abc&x=é";
        state.Cursors[StreamNames.SentItems] = "https://graph.microsoft.com/v1.0/users/x/mailFolders/sentitems/messages/delta?$skiptoken=def";
        state.Cursors[StreamNames.Calendar] = "https://graph.microsoft.com/v1.0/users/x/calendarView/delta?$deltatoken=ghi";
        state.CursorIsFinal[StreamNames.Inbox] = true;
        state.CursorIsFinal[StreamNames.SentItems] = false;
        state.IncompleteReasons[StreamNames.Inbox] = "inbox: 5000 or more messages arrived while the first sync read the folder";
        state.CalendarWindow = new CalendarWindow(At.AddDays(-730), At.AddDays(125));
        state.LastCompletedScanAt = At;

        for (var c = 0; c < contacts; c++)
        {
            var ledger = state.Ledger($"contact{c}@fabrikam{c % 7}.com");
            ledger.Rename($"Contact Number {c}", At.AddDays(-c));
            ledger.NoteSubject($"Quarterly review #{c}", At.AddDays(-c));
            if (c % 5 == 0) ledger.AutomatedReason = "List-Unsubscribe";
            for (var t = 0; t < touchpointsPerContact; t++)
            {
                ledger.TryAdd(new TextTouchpoint(
                    TextTouchpoint.Key($"message-{c}-{t}"),
                    At.AddHours(-(t * 13) - c),
                    t % 3 == 0 ? TextDirection.Sent : TextDirection.Received,
                    TextTouchpoint.Key($"conversation-{c}-{t / 4}")));
            }
        }

        state.Meetings["event-1"] = new MeetingRecord("event-1", At.AddDays(-20), At.AddDays(-20).AddMinutes(30), false, false,
            MeetingMedium.Video, 2, [new MeetingParticipant("contact1@fabrikam1.com", "Contact 1", IsOrganizer: true, Declined: false)]);
        state.Meetings["event-2"] = new MeetingRecord("event-2", At.AddDays(10), At.AddDays(10).AddHours(1), true, true,
            MeetingMedium.InPerson, 3,
            [
                new MeetingParticipant("contact2@fabrikam2.com", null, IsOrganizer: false, Declined: true),
                new MeetingParticipant(state.Mailbox, "Avery", IsOrganizer: true, Declined: false),
            ]);
        return state;
    }

    protected static string Json(MailboxState state) => JsonSerializer.Serialize(state, MailboxStateJsonContext.Default.MailboxState);

    [Fact]
    public async Task Loading_an_unknown_mailbox_returns_null()
    {
        Assert.Null(await CreateStore().LoadAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task A_state_survives_a_round_trip()
    {
        var store = CreateStore();
        var state = SampleState();

        await store.SaveAsync(state, Cancel);
        var loaded = await store.LoadAsync(Mailbox, Cancel);

        Assert.NotNull(loaded);
        Assert.Equal(Json(state), Json(loaded));
        Assert.Equal(state.Cursors, loaded.Cursors);
        Assert.Equal(state.CursorIsFinal, loaded.CursorIsFinal);
        Assert.Equal(state.IncompleteReasons, loaded.IncompleteReasons);
        Assert.Equal(state.CalendarWindow, loaded.CalendarWindow);
        Assert.Equal(state.OwnerAddresses, loaded.OwnerAddresses);
        Assert.Equal("Contact Number 1", loaded.Contacts["contact1@fabrikam1.com"].DisplayName);
        Assert.Equal(state.Contacts["contact2@fabrikam2.com"].Texts, loaded.Contacts["contact2@fabrikam2.com"].Texts);
        Assert.Equal(MeetingMedium.Video, loaded.Meetings["event-1"].Medium);
        Assert.Equal(state.Meetings["event-2"].Participants, loaded.Meetings["event-2"].Participants);
        Assert.Equal(state.LastCompletedScanAt, loaded.LastCompletedScanAt);
    }

    [Fact]
    public async Task Teams_chats_and_calls_survive_a_round_trip_and_a_state_without_them_stores_neither()
    {
        var store = CreateStore();
        var state = SampleState();
        Assert.DoesNotContain("teamsChats", Json(state), StringComparison.Ordinal);
        Assert.DoesNotContain("\"calls\"", Json(state), StringComparison.Ordinal);
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        state.Ledger("contact1@fabrikam1.com").TryAdd(new TextTouchpoint(41, at, TextDirection.Received, 7), TextChannel.TeamsChat);
        state.Calls = new(StringComparer.Ordinal)
        {
            ["call:1"] = new MeetingRecord("call:1", at, at.AddMinutes(20), false, false, MeetingMedium.Video, 2,
                [new MeetingParticipant("contact1@fabrikam1.com", null, IsOrganizer: false, Declined: false)]),
        };

        await store.SaveAsync(state, Cancel);
        var loaded = await store.LoadAsync(Mailbox, Cancel);

        Assert.NotNull(loaded);
        Assert.Equal(Json(state), Json(loaded));
        var chat = Assert.Single(loaded.Contacts["contact1@fabrikam1.com"].TeamsChats!);
        Assert.Equal((41UL, TextDirection.Received, at), (chat.MessageKey, chat.Direction, chat.At));
        Assert.Equal(state.Contacts["contact1@fabrikam1.com"].Texts, loaded.Contacts["contact1@fabrikam1.com"].Texts);
        Assert.Equal(MeetingMedium.Video, loaded.Calls!["call:1"].Medium);
        Assert.Equal(MailboxState.CurrentSchemaVersion, loaded.SchemaVersion);
    }

    [Fact]
    public async Task Loaded_ledgers_still_refuse_duplicates()
    {
        var store = CreateStore();
        var state = SampleState(contacts: 1, touchpointsPerContact: 1);
        var touchpoint = state.Contacts.Values.Single().Texts.Single();
        await store.SaveAsync(state, Cancel);

        var loaded = (await store.LoadAsync(Mailbox, Cancel))!;

        Assert.False(loaded.Contacts.Values.Single().TryAdd(touchpoint));
        Assert.Single(loaded.Contacts.Values.Single().Texts);
    }

    [Fact]
    public async Task The_token_is_set_by_save_and_by_load_and_changes_with_each_version()
    {
        var store = CreateStore();
        var state = SampleState();
        Assert.Null(state.ETag);

        await store.SaveAsync(state, Cancel);
        var first = state.ETag;
        var loaded = (await store.LoadAsync(Mailbox, Cancel))!;

        Assert.NotNull(first);
        Assert.Equal(first, loaded.ETag);

        // The same object saves again and again: each save moves its token on.
        state.Cursors[StreamNames.Inbox] = "next";
        await store.SaveAsync(state, Cancel);
        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, (await store.LoadAsync(Mailbox, Cancel))!.ETag);
    }

    [Fact]
    public async Task A_save_from_a_stale_copy_is_refused_and_changes_nothing()
    {
        var store = CreateStore();
        await store.SaveAsync(SampleState(), Cancel);
        var first = (await store.LoadAsync(Mailbox, Cancel))!;
        var second = (await CreateStore().LoadAsync(Mailbox, Cancel))!;

        first.Cursors[StreamNames.Inbox] = "a";
        await store.SaveAsync(first, Cancel);
        second.Cursors[StreamNames.Inbox] = "b";
        second.Ledger("someone.new@contoso.com").Rename("Someone New", DateTimeOffset.UtcNow);
        var staleToken = second.ETag;

        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync(second, Cancel));

        var stored = (await store.LoadAsync(Mailbox, Cancel))!;
        Assert.Equal(Json(first), Json(stored));
        Assert.Equal(first.ETag, stored.ETag);
        Assert.Equal(staleToken, second.ETag);
    }

    [Fact]
    public async Task A_new_state_cannot_overwrite_an_existing_one()
    {
        var store = CreateStore();
        var existing = SampleState();
        await store.SaveAsync(existing, Cancel);

        var fresh = MailboxState.Create(Mailbox);
        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync(fresh, Cancel));

        Assert.Equal(Json(existing), Json((await store.LoadAsync(Mailbox, Cancel))!));
    }

    [Fact]
    public async Task Delete_erases_the_mailbox_and_a_new_state_may_follow()
    {
        var store = CreateStore();
        await store.SaveAsync(SampleState(), Cancel);

        Assert.True(await store.DeleteAsync(Mailbox, Cancel));
        Assert.Null(await store.LoadAsync(Mailbox, Cancel));
        Assert.False(await store.DeleteAsync(Mailbox, Cancel));

        var fresh = MailboxState.Create(Mailbox);
        await store.SaveAsync(fresh, Cancel);
        Assert.Empty((await store.LoadAsync(Mailbox, Cancel))!.Contacts);
    }

    [Fact]
    public async Task A_state_saved_after_it_was_deleted_elsewhere_is_refused()
    {
        var store = CreateStore();
        await store.SaveAsync(SampleState(), Cancel);
        var loaded = (await store.LoadAsync(Mailbox, Cancel))!;

        await CreateStore().DeleteAsync(Mailbox, Cancel);

        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync(loaded, Cancel));
        Assert.Null(await store.LoadAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task The_mailbox_is_case_insensitive()
    {
        var store = CreateStore();
        var state = new MailboxState { Mailbox = "  " + Mailbox.ToUpperInvariant() };
        state.Cursors[StreamNames.Inbox] = "cursor";

        await store.SaveAsync(state, Cancel);

        Assert.Equal("cursor", (await store.LoadAsync(Mailbox, Cancel))!.Cursors[StreamNames.Inbox]);
        Assert.Equal("cursor", (await store.LoadAsync(Mailbox.ToUpperInvariant(), Cancel))!.Cursors[StreamNames.Inbox]);
        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync(MailboxState.Create(Mailbox), Cancel));
        Assert.True(await store.DeleteAsync(char.ToUpperInvariant(Mailbox[0]) + Mailbox[1..], Cancel));
        Assert.Null(await store.LoadAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Mailboxes_that_differ_only_in_plus_or_underscore_keep_separate_states()
    {
        var store = CreateStore();
        var plus = Mailbox.Replace("avery.", "avery+", StringComparison.Ordinal);
        var underscore = Mailbox.Replace("avery.", "avery_", StringComparison.Ordinal);
        var first = MailboxState.Create(plus);
        first.Cursors[StreamNames.Inbox] = "plus";
        var second = MailboxState.Create(underscore);
        second.Cursors[StreamNames.Inbox] = "underscore";

        await store.SaveAsync(first, Cancel);
        await store.SaveAsync(second, Cancel);

        Assert.Equal("plus", (await store.LoadAsync(plus, Cancel))!.Cursors[StreamNames.Inbox]);
        Assert.Equal("underscore", (await store.LoadAsync(underscore, Cancel))!.Cursors[StreamNames.Inbox]);
        Assert.True(await store.DeleteAsync(plus, Cancel));
        Assert.Null(await store.LoadAsync(plus, Cancel));
        Assert.Equal("underscore", (await store.LoadAsync(underscore, Cancel))!.Cursors[StreamNames.Inbox]);
    }
}
