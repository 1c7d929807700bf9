using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Tests.Contracts;

/// <summary>
/// What every <see cref="IInvitationLedger"/> promises, run against each implementation: the file ledger
/// (Outreach.Storage.Files.Tests) and the table ledger (Outreach.Storage.Tests, against Azurite). This one source file
/// is compiled into both test projects. Each test uses mailboxes of its own, so ledgers sharing a table can
/// run their tests in parallel.
/// </summary>
public abstract class InvitationLedgerContract
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 9, 30, 0, TimeSpan.FromHours(2));

    /// <summary>A mailbox no other test uses.</summary>
    protected string Mailbox { get; } = $"avery.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    /// <summary>Another mailbox no other test uses.</summary>
    protected string OtherMailbox { get; } = $"blake.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    /// <summary>The ledger under test; may be called more than once (a second call is a second worker).</summary>
    protected abstract IInvitationLedger CreateLedger();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected InvitationLedgerEntry Pending(string contact, string transactionId = "tx-1", string? mailbox = null) => new()
    {
        Mailbox = mailbox ?? Mailbox,
        Contact = contact,
        Status = InvitationStatus.Pending,
        Mode = InvitationMode.Video,
        TransactionId = transactionId,
        ReservedAt = At,
    };

    /// <summary>An entry with every property set.</summary>
    protected InvitationLedgerEntry Complete(string contact) => Pending(contact, "tx-complete") with
    {
        Status = InvitationStatus.NoResponse,
        Mode = InvitationMode.InPerson,
        SentAt = At.AddMinutes(1),
        Start = At.AddDays(7),
        End = At.AddDays(7).AddMinutes(45),
        EventId = "AAMkAGI2TG93AAA=",
        JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%7d",
        IdempotencyKey = "key-0f3a",
        RespondedAt = At.AddDays(2),
    };

    private static InvitationLedgerEntry Content(InvitationLedgerEntry entry) => entry with { ETag = null };

    /// <summary>The default cooldowns (30 days, declined 180) as of <paramref name="asOf"/> (default: the entries' own moment).</summary>
    protected static ReservationPolicy Policy(DateTimeOffset? asOf = null) => new(asOf ?? At, 30, 180);

    /// <summary>Reserves as the invitation service does; true when taken.</summary>
    protected static async Task<bool> Reserve(IInvitationLedger ledger, InvitationLedgerEntry entry, DateTimeOffset? asOf = null) =>
        (await ledger.ReserveAsync(entry, Policy(asOf), Cancel)).Reserved;

    [Fact]
    public async Task An_unknown_contact_or_mailbox_has_nothing()
    {
        var ledger = CreateLedger();

        Assert.Null(await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel));
        Assert.Empty(await ledger.ListAsync(Mailbox, Cancel));
        Assert.Equal(0, await ledger.DeleteMailboxAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task A_contact_is_reserved_once()
    {
        var ledger = CreateLedger();

        Assert.True(await Reserve(ledger, Pending("dana@fabrikam.com", "tx-first")));
        Assert.False(await Reserve(ledger, Pending("dana@fabrikam.com", "tx-second")));
        Assert.False(await Reserve(CreateLedger(), Pending("dana@fabrikam.com", "tx-third")));

        var stored = await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel);
        Assert.NotNull(stored);
        Assert.Equal("tx-first", stored.TransactionId);
        Assert.Single(await ledger.ListAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Of_concurrent_reserves_of_one_contact_exactly_one_wins()
    {
        const int workers = 8;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, workers).Select(i =>
        {
            var ledger = CreateLedger();
            return Task.Run(async () =>
            {
                await start.Task.WaitAsync(Cancel);
                return (Won: await Reserve(ledger, Pending("dana@fabrikam.com", $"tx-{i}")), TransactionId: $"tx-{i}");
            }, Cancel);
        }).ToList();

        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Won);
        Assert.Equal(winner.TransactionId, (await CreateLedger().GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task An_entry_survives_a_round_trip_with_an_etag()
    {
        var ledger = CreateLedger();
        var minimal = Pending("dana@fabrikam.com");
        var complete = Complete("erin@contoso.com");
        await Reserve(ledger, minimal);
        await Reserve(ledger, complete);

        var readMinimal = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        var readComplete = (await ledger.GetAsync(Mailbox, "erin@contoso.com", Cancel))!;

        Assert.Equal(minimal, Content(readMinimal));
        Assert.Equal(complete, Content(readComplete));
        Assert.False(string.IsNullOrEmpty(readMinimal.ETag));
        Assert.False(string.IsNullOrEmpty(readComplete.ETag));
        Assert.Null(readMinimal.SentAt);
        Assert.Null(readMinimal.JoinUrl);
        Assert.Equal(complete.Start, readComplete.Start);
        Assert.Equal(complete.RespondedAt, readComplete.RespondedAt);
    }

    [Fact]
    public async Task List_holds_the_mailbox_entries_in_contact_order_and_no_other_mailbox()
    {
        var ledger = CreateLedger();
        foreach (var contact in new[] { "zoe@contoso.com", "amy+news@fabrikam.com", "mia@adatum.com", "amy@fabrikam.com" })
        {
            await Reserve(ledger, Pending(contact, "tx-" + contact));
        }

        await Reserve(ledger, Pending("other@contoso.com", mailbox: OtherMailbox));

        var listed = await ledger.ListAsync(Mailbox, Cancel);

        Assert.Equal(["amy+news@fabrikam.com", "amy@fabrikam.com", "mia@adatum.com", "zoe@contoso.com"], listed.Select(e => e.Contact));
        Assert.All(listed, e => Assert.Equal(Mailbox, e.Mailbox));
        Assert.All(listed, e => Assert.Equal("tx-" + e.Contact, e.TransactionId));
        Assert.All(listed, e => Assert.False(string.IsNullOrEmpty(e.ETag)));
        Assert.Equal("other@contoso.com", Assert.Single(await ledger.ListAsync(OtherMailbox, Cancel)).Contact);
    }

    [Fact]
    public async Task An_update_from_the_current_etag_is_stored_and_moves_the_etag_on()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com"));
        var read = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;

        var sent = await ledger.UpdateAsync(read with { Status = InvitationStatus.Sent, SentAt = At.AddMinutes(2), EventId = "event-1" }, Cancel);

        Assert.NotEqual(read.ETag, sent.ETag);
        var stored = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Equal(sent.ETag, stored.ETag);
        Assert.Equal(InvitationStatus.Sent, stored.Status);
        Assert.Equal("event-1", stored.EventId);
        Assert.Equal(Content(sent), Content(stored));

        // The returned entry updates again.
        var accepted = await ledger.UpdateAsync(sent with { Status = InvitationStatus.Accepted, RespondedAt = At.AddDays(1) }, Cancel);
        Assert.Equal(InvitationStatus.Accepted, (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.Status);
        Assert.NotEqual(sent.ETag, accepted.ETag);
    }

    [Fact]
    public async Task An_update_from_a_stale_etag_throws_and_changes_nothing()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com"));
        var first = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        var second = (await CreateLedger().GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        var winner = await ledger.UpdateAsync(first with { Status = InvitationStatus.Sent, EventId = "event-a" }, Cancel);

        await Assert.ThrowsAsync<StateConflictException>(() =>
            CreateLedger().UpdateAsync(second with { Status = InvitationStatus.Declined, EventId = "event-b" }, Cancel));

        var stored = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Equal(Content(winner), Content(stored));
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task An_update_of_an_entry_erased_meanwhile_throws_and_brings_nothing_back()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com"));
        var read = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        await CreateLedger().DeleteMailboxAsync(Mailbox, Cancel);

        await Assert.ThrowsAsync<StateConflictException>(() => ledger.UpdateAsync(read with { Status = InvitationStatus.Sent }, Cancel));

        Assert.Empty(await ledger.ListAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task An_update_needs_an_entry_read_from_the_ledger()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com"));

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.UpdateAsync(Pending("dana@fabrikam.com") with { Status = InvitationStatus.Sent }, Cancel));

        Assert.Equal(InvitationStatus.Pending, (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.Status);
    }

    [Fact]
    public async Task A_refused_reservation_names_the_blocking_row_and_why()
    {
        var ledger = CreateLedger();
        var taken = await ledger.ReserveAsync(Pending("dana@fabrikam.com", "tx-first") with { IdempotencyKey = "key-a" }, Policy(), Cancel);

        var refused = await CreateLedger().ReserveAsync(Pending("dana@fabrikam.com", "tx-second") with { IdempotencyKey = "key-b" }, Policy(), Cancel);

        Assert.True(taken.Reserved);
        Assert.False(refused.Reserved);
        Assert.Equal(ReservationConflict.Pending, refused.Conflict);
        Assert.Equal(("tx-first", "key-a"), (refused.Entry.TransactionId, refused.Entry.IdempotencyKey));
        Assert.Equal(taken.Entry.ETag, refused.Entry.ETag);
    }

    [Fact]
    public async Task A_taken_reservation_carries_the_stored_etag_and_updates_from_it()
    {
        var ledger = CreateLedger();

        var taken = await ledger.ReserveAsync(Pending("Dana@Fabrikam.com"), Policy(), Cancel);

        var stored = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.True(taken.Reserved);
        Assert.Null(taken.Conflict);
        Assert.Equal(stored.ETag, taken.Entry.ETag);
        Assert.Equal(Content(stored), Content(taken.Entry));
        var sent = await ledger.UpdateAsync(taken.Entry with { Status = InvitationStatus.Sent, EventId = "event-1" }, Cancel);
        Assert.Equal("event-1", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.EventId);
        Assert.NotEqual(taken.Entry.ETag, sent.ETag);
    }

    [Fact]
    public async Task An_invitation_older_than_the_cooldown_is_replaced_by_a_new_reservation()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Complete("dana@fabrikam.com") with { Status = InvitationStatus.Sent, RespondedAt = null });
        var expired = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        var renewal = Pending("dana@fabrikam.com", "tx-renewal") with { ReservedAt = At.AddDays(90) };

        Assert.True(await Reserve(ledger, renewal, At.AddDays(90)));

        var stored = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Equal(renewal, Content(stored));
        Assert.NotEqual(expired.ETag, stored.ETag);
        Assert.Single(await ledger.ListAsync(Mailbox, Cancel));

        // The renewal is pending now: nothing replaces it, whatever the key.
        Assert.False(await Reserve(CreateLedger(), Pending("dana@fabrikam.com", "tx-again") with { IdempotencyKey = "other" }, At.AddDays(90)));
        Assert.Equal("tx-renewal", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Theory]
    [InlineData(InvitationStatus.Sent)]
    [InlineData(InvitationStatus.NoResponse)]
    [InlineData(InvitationStatus.Accepted)]
    public async Task An_invitation_within_the_cooldown_is_not_replaced_whatever_the_key(InvitationStatus status)
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com", "tx-sent") with { Status = status, SentAt = At, IdempotencyKey = "key-a" });
        var before = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;

        var refused = await CreateLedger().ReserveAsync(
            Pending("dana@fabrikam.com", "tx-other") with { IdempotencyKey = "key-b", ReservedAt = At.AddDays(29) }, Policy(At.AddDays(29)), Cancel);
        var keyless = await CreateLedger().ReserveAsync(Pending("dana@fabrikam.com", "tx-keyless"), Policy(At.AddDays(30)), Cancel);

        Assert.Equal((false, ReservationConflict.AwaitingAnswer), (refused.Reserved, refused.Conflict));
        Assert.Equal((false, ReservationConflict.AwaitingAnswer), (keyless.Reserved, keyless.Conflict));
        var after = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal("tx-sent", after.TransactionId);

        // A day after the cooldown the contact may be invited again.
        Assert.True(await Reserve(CreateLedger(), Pending("dana@fabrikam.com", "tx-later"), At.AddDays(31)));
    }

    [Fact]
    public async Task A_decline_blocks_new_invitations_until_the_declined_cooldown_ends()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com", "tx-declined") with { Status = InvitationStatus.Declined, SentAt = At, RespondedAt = At.AddDays(1) });

        var refused = await ledger.ReserveAsync(Pending("dana@fabrikam.com", "tx-2"), Policy(At.AddDays(100)), Cancel);

        Assert.Equal((false, ReservationConflict.DeclinedRecently), (refused.Reserved, refused.Conflict));
        Assert.False(await Reserve(ledger, Pending("dana@fabrikam.com", "tx-3"), At.AddDays(181)));
        Assert.True(await Reserve(ledger, Pending("dana@fabrikam.com", "tx-4"), At.AddDays(182)));
        Assert.Equal("tx-4", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task A_pending_reservation_is_never_replaced_however_old()
    {
        var ledger = CreateLedger();
        await Reserve(ledger, Pending("dana@fabrikam.com", "tx-crashed"));

        var refused = await CreateLedger().ReserveAsync(Pending("dana@fabrikam.com", "tx-new"), Policy(At.AddDays(400)), Cancel);

        Assert.Equal((false, ReservationConflict.Pending), (refused.Reserved, refused.Conflict));
        Assert.Equal("tx-crashed", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task A_reservation_is_judged_on_the_row_as_it_is_now_not_as_a_caller_read_it()
    {
        // A caller reads an expired invitation (it may invite again)...
        var ledger = CreateLedger();
        await Reserve(ledger, Complete("dana@fabrikam.com") with { Status = InvitationStatus.Sent, RespondedAt = null });
        var readEarlier = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Null(Policy(At.AddDays(90)).Blocking(readEarlier));

        // ...meanwhile the follow-up records a decline...
        await CreateLedger().UpdateAsync(readEarlier with { Status = InvitationStatus.Declined, RespondedAt = At.AddDays(89) }, Cancel);

        // ...so the reservation is refused: the ledger judged the current row.
        var refused = await ledger.ReserveAsync(Pending("dana@fabrikam.com", "tx-stale"), Policy(At.AddDays(90)), Cancel);

        Assert.Equal((false, ReservationConflict.DeclinedRecently), (refused.Reserved, refused.Conflict));
        Assert.Equal(InvitationStatus.Declined, (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.Status);
    }

    [Fact]
    public async Task Of_concurrent_reserves_over_an_expired_invitation_with_different_keys_exactly_one_wins()
    {
        await Reserve(CreateLedger(), Complete("dana@fabrikam.com") with { Status = InvitationStatus.Sent, RespondedAt = null });
        const int workers = 6;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, workers).Select(i =>
        {
            var ledger = CreateLedger();
            return Task.Run(async () =>
            {
                await start.Task.WaitAsync(Cancel);
                var entry = Pending("dana@fabrikam.com", $"tx-{i}") with { IdempotencyKey = $"key-{i}", ReservedAt = At.AddDays(90) };
                return (Won: await Reserve(ledger, entry, At.AddDays(90)), TransactionId: $"tx-{i}");
            }, Cancel);
        }).ToList();

        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Won);
        var stored = (await CreateLedger().GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Equal((winner.TransactionId, InvitationStatus.Pending), (stored.TransactionId, stored.Status));
    }

    [Fact]
    public async Task Reserves_racing_updates_of_the_row_never_overwrite_a_row_they_did_not_judge_and_one_wins()
    {
        // Reservers over an expired row while the follow-up keeps rewriting it: every replace that loses
        // the ETag race judges the row again instead of overwriting it.
        await Reserve(CreateLedger(), Complete("dana@fabrikam.com") with { Status = InvitationStatus.Sent, RespondedAt = null });
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reservers = Enumerable.Range(0, 4).Select(i =>
        {
            var ledger = CreateLedger();
            return Task.Run(async () =>
            {
                await start.Task.WaitAsync(Cancel);
                return await Reserve(ledger, Pending("dana@fabrikam.com", $"tx-{i}") with { IdempotencyKey = $"key-{i}" }, At.AddDays(90));
            }, Cancel);
        }).ToList();
        var updater = Task.Run(async () =>
        {
            await start.Task.WaitAsync(Cancel);
            var ledger = CreateLedger();
            for (var i = 0; i < 5; i++)
            {
                var current = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
                if (current.Status == InvitationStatus.Pending) return;
                try
                {
                    await ledger.UpdateAsync(current with { Status = InvitationStatus.NoResponse }, Cancel);
                }
                catch (StateConflictException)
                {
                    return;
                }
            }
        }, Cancel);

        start.SetResult();
        var won = await Task.WhenAll(reservers);
        await updater;

        Assert.Single(won, w => w);
        Assert.Equal(InvitationStatus.Pending, (await CreateLedger().GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.Status);
    }

    [Fact]
    public async Task Deleting_a_mailbox_erases_its_entries_only_and_counts_them()
    {
        var ledger = CreateLedger();
        foreach (var contact in new[] { "dana@fabrikam.com", "erin@contoso.com", "finn@adatum.com" })
        {
            await Reserve(ledger, Pending(contact));
        }

        await Reserve(ledger, Pending("dana@fabrikam.com", mailbox: OtherMailbox));

        Assert.Equal(3, await CreateLedger().DeleteMailboxAsync(Mailbox, Cancel));

        Assert.Empty(await ledger.ListAsync(Mailbox, Cancel));
        Assert.Null(await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel));
        Assert.Equal(0, await ledger.DeleteMailboxAsync(Mailbox, Cancel));
        Assert.NotNull(await ledger.GetAsync(OtherMailbox, "dana@fabrikam.com", Cancel));

        // A contact may be reserved again afterwards.
        Assert.True(await Reserve(ledger, Pending("dana@fabrikam.com", "tx-after")));
        Assert.Equal("tx-after", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task Mailbox_and_contact_are_case_insensitive_and_stored_normalized()
    {
        var ledger = CreateLedger();
        var upperMailbox = "  " + Mailbox.ToUpperInvariant() + " ";

        Assert.True(await Reserve(ledger, Pending(" Dana.Whitfield@Fabrikam.COM", mailbox: upperMailbox)));
        Assert.False(await Reserve(ledger, Pending("dana.whitfield@fabrikam.com", "tx-2")));

        var stored = await ledger.GetAsync(upperMailbox, "DANA.WHITFIELD@FABRIKAM.COM", Cancel);
        Assert.NotNull(stored);
        Assert.Equal(Mailbox, stored.Mailbox);
        Assert.Equal("dana.whitfield@fabrikam.com", stored.Contact);
        Assert.Equal("dana.whitfield@fabrikam.com", Assert.Single(await ledger.ListAsync(Mailbox.ToUpperInvariant(), Cancel)).Contact);

        var updated = await ledger.UpdateAsync(stored with { Contact = "Dana.Whitfield@fabrikam.com", Status = InvitationStatus.Sent }, Cancel);
        Assert.Equal("dana.whitfield@fabrikam.com", updated.Contact);
        Assert.Equal(InvitationStatus.Sent, (await ledger.GetAsync(Mailbox, "dana.whitfield@fabrikam.com", Cancel))!.Status);
        Assert.Equal(1, await ledger.DeleteMailboxAsync(char.ToUpperInvariant(Mailbox[0]) + Mailbox[1..], Cancel));
    }
}
