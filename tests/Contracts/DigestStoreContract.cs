using Outreach.Core.Digest;

namespace Outreach.Tests.Contracts;

/// <summary>
/// What every <see cref="IDigestStore"/> promises (the table store in Outreach.Storage.Tests, on Azurite).
/// Each test uses mailboxes of its own.
/// </summary>
public abstract class DigestStoreContract
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    protected string Mailbox { get; } = $"avery.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    protected string OtherMailbox { get; } = $"blake.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    protected abstract IDigestStore CreateStore();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DigestRecord Record(IsoWeek week, params string[] contacts) => new()
    {
        Mailbox = Mailbox,
        Week = week,
        State = DigestState.Reserved,
        ReservedAt = Now,
        ExpiresAt = Now.AddDays(8),
        Contacts = [.. contacts.Select(c => new DigestContact(c, "Dana \"D\" Whitfield", 0.75, 4, 3, ["7 emails", "never met"]))],
    };

    [Fact]
    public async Task A_week_is_reserved_once_and_reads_back_as_written()
    {
        var store = CreateStore();
        var week = new IsoWeek(2026, 10);

        Assert.True(await store.TryReserveAsync(Record(week, "dana@fabrikam.com", "erin@contoso.com"), Cancel));
        Assert.False(await CreateStore().TryReserveAsync(Record(week, "other@fabrikam.com"), Cancel));

        var read = await store.GetAsync(Mailbox, week, Cancel);
        Assert.NotNull(read);
        Assert.Equal(DigestState.Reserved, read.State);
        Assert.Equal(Now.AddDays(8), read.ExpiresAt);
        Assert.Equal(["dana@fabrikam.com", "erin@contoso.com"], read.Contacts.Select(c => c.Email));
        Assert.Equal(["7 emails", "never met"], read.Contacts[0].Reasons);
        Assert.Equal("Dana \"D\" Whitfield", read.Contacts[0].DisplayName);
        Assert.Null(await store.GetAsync(OtherMailbox, week, Cancel));
    }

    [Fact]
    public async Task An_update_needs_the_version_it_read()
    {
        var store = CreateStore();
        var week = new IsoWeek(2026, 10);
        await store.TryReserveAsync(Record(week, "dana@fabrikam.com"), Cancel);
        var read = (await store.GetAsync(Mailbox, week, Cancel))!;

        var sent = await store.UpdateAsync(read with { State = DigestState.Sent, SentAt = Now }, Cancel);

        Assert.Equal(DigestState.Sent, (await store.GetAsync(Mailbox, week, Cancel))!.State);
        await Assert.ThrowsAsync<Outreach.Core.State.StateConflictException>(() => store.UpdateAsync(read with { State = DigestState.Failed }, Cancel));
        Assert.NotEqual(read.ETag, sent.ETag);
    }

    [Fact]
    public async Task The_previous_digest_is_the_latest_week_before()
    {
        var store = CreateStore();
        await store.TryReserveAsync(Record(new IsoWeek(2025, 52), "a@fabrikam.com"), Cancel);
        await store.TryReserveAsync(Record(new IsoWeek(2026, 9), "b@fabrikam.com"), Cancel);
        await store.TryReserveAsync(Record(new IsoWeek(2026, 10), "c@fabrikam.com"), Cancel);

        Assert.Equal(new IsoWeek(2026, 9), (await store.GetPreviousAsync(Mailbox, new IsoWeek(2026, 10), Cancel))!.Week);
        Assert.Equal(new IsoWeek(2026, 10), (await store.GetPreviousAsync(Mailbox, new IsoWeek(2026, 12), Cancel))!.Week);
        Assert.Null(await store.GetPreviousAsync(Mailbox, new IsoWeek(2025, 52), Cancel));
    }

    [Fact]
    public async Task The_previous_digest_skips_failed_weeks_but_not_reserved_or_sent_ones()
    {
        var store = CreateStore();
        await store.TryReserveAsync(Record(new IsoWeek(2026, 8), "a@fabrikam.com"), Cancel);
        await store.TryReserveAsync(Record(new IsoWeek(2026, 9), "b@fabrikam.com"), Cancel);
        await store.TryReserveAsync(Record(new IsoWeek(2026, 10), "c@fabrikam.com"), Cancel);
        var sent = (await store.GetAsync(Mailbox, new IsoWeek(2026, 8), Cancel))!;
        await store.UpdateAsync(sent with { State = DigestState.Sent, SentAt = Now }, Cancel);
        var failed = (await store.GetAsync(Mailbox, new IsoWeek(2026, 10), Cancel))!;
        await store.UpdateAsync(failed with { State = DigestState.Failed, FailureReason = "403" }, Cancel);

        // Week 10 failed (never reached the owner): week 9, still reserved (it may have gone out), is the previous one.
        Assert.Equal(new IsoWeek(2026, 9), (await store.GetPreviousAsync(Mailbox, new IsoWeek(2026, 11), Cancel))!.Week);

        var reserved = (await store.GetAsync(Mailbox, new IsoWeek(2026, 9), Cancel))!;
        await store.UpdateAsync(reserved with { State = DigestState.Failed, FailureReason = "403" }, Cancel);
        var previous = await store.GetPreviousAsync(Mailbox, new IsoWeek(2026, 11), Cancel);
        Assert.Equal((new IsoWeek(2026, 8), DigestState.Sent), (previous!.Week, previous.State));
    }

    [Fact]
    public async Task Opting_out_and_in_is_idempotent()
    {
        var store = CreateStore();
        Assert.False(await store.IsOptedOutAsync(Mailbox, Cancel));

        Assert.True(await store.SetOptedOutAsync(Mailbox, true, Cancel));
        Assert.False(await store.SetOptedOutAsync(Mailbox, true, Cancel));
        Assert.True(await store.IsOptedOutAsync(Mailbox, Cancel));
        Assert.False(await store.IsOptedOutAsync(OtherMailbox, Cancel));

        Assert.True(await store.SetOptedOutAsync(Mailbox, false, Cancel));
        Assert.False(await store.SetOptedOutAsync(Mailbox, false, Cancel));
        Assert.False(await store.IsOptedOutAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Snoozes_last_until_their_end_and_a_later_snooze_replaces_an_earlier_one()
    {
        var store = CreateStore();
        await store.SnoozeAsync(Mailbox, "Dana@Fabrikam.com", Now.AddDays(28), Cancel);
        await store.SnoozeAsync(Mailbox, "erin@contoso.com", Now.AddDays(2), Cancel);
        await store.SnoozeAsync(Mailbox, "erin@contoso.com", Now.AddDays(10), Cancel);

        var now = await store.ListSnoozedAsync(Mailbox, Now, Cancel);
        Assert.Equal(Now.AddDays(28), now["dana@fabrikam.com"]);
        Assert.Equal(Now.AddDays(10), now["erin@contoso.com"]);
        Assert.Equal(["dana@fabrikam.com"], (await store.ListSnoozedAsync(Mailbox, Now.AddDays(10), Cancel)).Keys);
        Assert.Empty(await store.ListSnoozedAsync(OtherMailbox, Now, Cancel));
    }

    [Fact]
    public async Task Erasing_a_mailbox_removes_its_digests_opt_out_and_snoozes_only()
    {
        var store = CreateStore();
        await store.TryReserveAsync(Record(new IsoWeek(2026, 10), "dana@fabrikam.com"), Cancel);
        await store.SetOptedOutAsync(Mailbox, true, Cancel);
        await store.SnoozeAsync(Mailbox, "dana@fabrikam.com", Now.AddDays(28), Cancel);
        await store.SetOptedOutAsync(OtherMailbox, true, Cancel);

        Assert.Equal(3, await store.DeleteMailboxAsync(Mailbox, Cancel));
        Assert.Equal(0, await store.DeleteMailboxAsync(Mailbox, Cancel));

        Assert.Null(await store.GetAsync(Mailbox, new IsoWeek(2026, 10), Cancel));
        Assert.False(await store.IsOptedOutAsync(Mailbox, Cancel));
        Assert.Empty(await store.ListSnoozedAsync(Mailbox, Now, Cancel));
        Assert.True(await store.IsOptedOutAsync(OtherMailbox, Cancel));
    }

    [Fact]
    public async Task Snoozes_of_the_longest_valid_addresses_are_kept_apart()
    {
        // 254 UTF-8 octets, nearly all of them two-octet letters: the longest key an address can escape to.
        var domain = new string('ö', 93) + ".com";
        var first = new string('é', 31) + "a@" + domain;
        var second = new string('é', 31) + "b@" + domain;
        Assert.True(Outreach.Core.Contacts.EmailAddresses.IsValid(first));
        Assert.Equal(Outreach.Core.Contacts.EmailAddresses.MaxLength, System.Text.Encoding.UTF8.GetByteCount(first));
        var store = CreateStore();

        await store.SnoozeAsync(Mailbox, first, Now.AddDays(28), Cancel);
        await store.SnoozeAsync(Mailbox, second, Now.AddDays(7), Cancel);

        var snoozed = await store.ListSnoozedAsync(Mailbox, Now, Cancel);
        Assert.Equal(Now.AddDays(28), snoozed[first]);
        Assert.Equal(Now.AddDays(7), snoozed[second]);
        Assert.Equal(2, await store.DeleteMailboxAsync(Mailbox, Cancel));
    }
}
