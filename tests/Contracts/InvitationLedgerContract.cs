using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Tests.Contracts;

/// <summary>
/// What every <see cref="IInvitationLedger"/> promises, run against each implementation: the file ledger
/// (Outreach.Core.Tests) and the table ledger (Outreach.Storage.Tests, against Azurite). This one source file
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

        Assert.True(await ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-first"), null, Cancel));
        Assert.False(await ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-second"), null, Cancel));
        Assert.False(await CreateLedger().TryReserveAsync(Pending("dana@fabrikam.com", "tx-third"), null, Cancel));

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
                return (Won: await ledger.TryReserveAsync(Pending("dana@fabrikam.com", $"tx-{i}"), null, Cancel), TransactionId: $"tx-{i}");
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
        await ledger.TryReserveAsync(minimal, null, Cancel);
        await ledger.TryReserveAsync(complete, null, Cancel);

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
            await ledger.TryReserveAsync(Pending(contact, "tx-" + contact), null, Cancel);
        }

        await ledger.TryReserveAsync(Pending("other@contoso.com", mailbox: OtherMailbox), null, Cancel);

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
        await ledger.TryReserveAsync(Pending("dana@fabrikam.com"), null, Cancel);
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
        await ledger.TryReserveAsync(Pending("dana@fabrikam.com"), null, Cancel);
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
        await ledger.TryReserveAsync(Pending("dana@fabrikam.com"), null, Cancel);
        var read = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        await CreateLedger().DeleteMailboxAsync(Mailbox, Cancel);

        await Assert.ThrowsAsync<StateConflictException>(() => ledger.UpdateAsync(read with { Status = InvitationStatus.Sent }, Cancel));

        Assert.Empty(await ledger.ListAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task An_update_needs_an_entry_read_from_the_ledger()
    {
        var ledger = CreateLedger();
        await ledger.TryReserveAsync(Pending("dana@fabrikam.com"), null, Cancel);

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.UpdateAsync(Pending("dana@fabrikam.com") with { Status = InvitationStatus.Sent }, Cancel));

        Assert.Equal(InvitationStatus.Pending, (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.Status);
    }

    [Fact]
    public async Task An_expired_entry_is_replaced_when_unchanged_since_it_was_read()
    {
        var ledger = CreateLedger();
        await ledger.TryReserveAsync(Complete("dana@fabrikam.com"), null, Cancel);
        var expired = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        var renewal = Pending("dana@fabrikam.com", "tx-renewal") with { ReservedAt = At.AddDays(90) };

        Assert.True(await ledger.TryReserveAsync(renewal, expired, Cancel));

        var stored = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Equal(renewal, Content(stored));
        Assert.NotEqual(expired.ETag, stored.ETag);
        Assert.Single(await ledger.ListAsync(Mailbox, Cancel));

        // The replaced entry's ETag is spent: replacing it again is refused.
        Assert.False(await ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-again"), expired, Cancel));
        Assert.Equal("tx-renewal", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task An_expired_entry_changed_since_it_was_read_is_not_replaced()
    {
        var ledger = CreateLedger();
        await ledger.TryReserveAsync(Complete("dana@fabrikam.com"), null, Cancel);
        var expired = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        var changed = await CreateLedger().UpdateAsync(expired with { Status = InvitationStatus.Accepted }, Cancel);

        Assert.False(await ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-renewal"), expired, Cancel));

        var stored = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        Assert.Equal(Content(changed), Content(stored));
        Assert.Equal(changed.ETag, stored.ETag);
    }

    [Fact]
    public async Task An_expired_entry_erased_since_it_was_read_is_not_replaced()
    {
        var ledger = CreateLedger();
        await ledger.TryReserveAsync(Complete("dana@fabrikam.com"), null, Cancel);
        var expired = (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        await CreateLedger().DeleteMailboxAsync(Mailbox, Cancel);

        Assert.False(await ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-renewal"), expired, Cancel));

        Assert.Empty(await ledger.ListAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Of_concurrent_replacements_of_one_expired_entry_exactly_one_wins()
    {
        await CreateLedger().TryReserveAsync(Complete("dana@fabrikam.com"), null, Cancel);
        var expired = (await CreateLedger().GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!;
        const int workers = 6;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, workers).Select(i =>
        {
            var ledger = CreateLedger();
            return Task.Run(async () =>
            {
                await start.Task.WaitAsync(Cancel);
                return (Won: await ledger.TryReserveAsync(Pending("dana@fabrikam.com", $"tx-{i}"), expired, Cancel), TransactionId: $"tx-{i}");
            }, Cancel);
        }).ToList();

        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Won);
        Assert.Equal(winner.TransactionId, (await CreateLedger().GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task Replacing_needs_the_same_contact_read_from_the_ledger()
    {
        var ledger = CreateLedger();
        await ledger.TryReserveAsync(Pending("dana@fabrikam.com"), null, Cancel);
        await ledger.TryReserveAsync(Pending("erin@contoso.com"), null, Cancel);
        var erin = (await ledger.GetAsync(Mailbox, "erin@contoso.com", Cancel))!;

        await Assert.ThrowsAsync<ArgumentException>(() => ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-2"), erin, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-2"), Pending("dana@fabrikam.com"), Cancel));

        Assert.Equal("tx-1", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task Deleting_a_mailbox_erases_its_entries_only_and_counts_them()
    {
        var ledger = CreateLedger();
        foreach (var contact in new[] { "dana@fabrikam.com", "erin@contoso.com", "finn@adatum.com" })
        {
            await ledger.TryReserveAsync(Pending(contact), null, Cancel);
        }

        await ledger.TryReserveAsync(Pending("dana@fabrikam.com", mailbox: OtherMailbox), null, Cancel);

        Assert.Equal(3, await CreateLedger().DeleteMailboxAsync(Mailbox, Cancel));

        Assert.Empty(await ledger.ListAsync(Mailbox, Cancel));
        Assert.Null(await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel));
        Assert.Equal(0, await ledger.DeleteMailboxAsync(Mailbox, Cancel));
        Assert.NotNull(await ledger.GetAsync(OtherMailbox, "dana@fabrikam.com", Cancel));

        // A contact may be reserved again afterwards.
        Assert.True(await ledger.TryReserveAsync(Pending("dana@fabrikam.com", "tx-after"), null, Cancel));
        Assert.Equal("tx-after", (await ledger.GetAsync(Mailbox, "dana@fabrikam.com", Cancel))!.TransactionId);
    }

    [Fact]
    public async Task Mailbox_and_contact_are_case_insensitive_and_stored_normalized()
    {
        var ledger = CreateLedger();
        var upperMailbox = "  " + Mailbox.ToUpperInvariant() + " ";

        Assert.True(await ledger.TryReserveAsync(Pending(" Dana.Whitfield@Fabrikam.COM", mailbox: upperMailbox), null, Cancel));
        Assert.False(await ledger.TryReserveAsync(Pending("dana.whitfield@fabrikam.com", "tx-2"), null, Cancel));

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
