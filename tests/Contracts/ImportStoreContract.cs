using Outreach.Core.Imports;
using Outreach.Core.Touchpoints;

namespace Outreach.Tests.Contracts;

/// <summary>
/// What every <see cref="IImportStore"/> promises, run against the file store (Outreach.Core.Tests) and the table
/// store (Outreach.Storage.Tests, against Azurite). Each test uses mailboxes of its own.
/// </summary>
public abstract class ImportStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 2, 20, 9, 15, 0, TimeSpan.Zero);

    protected string Mailbox { get; } = $"avery.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    protected string OtherMailbox { get; } = $"blake.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    /// <summary>The store under test; a second call is a second process (its own instance).</summary>
    protected abstract IImportStore CreateStore();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_mailbox_has_nothing_imported_and_erasing_it_is_harmless()
    {
        var store = CreateStore();

        Assert.Same(ImportedActivity.Empty, await store.LoadAsync(Mailbox, Cancel));
        await store.EraseAsync(Mailbox, Cancel);
        Assert.Empty((await store.LoadAsync(Mailbox, Cancel)).Messages);
    }

    [Fact]
    public async Task What_was_merged_loads_back_with_its_channel_direction_instant_and_keys()
    {
        var store = CreateStore();
        var batch = Batch(("dana@fabrikam.com", 3), ("https://www.linkedin.com/in/erin", 2));

        var result = await store.MergeAsync(Mailbox, batch, Cancel);
        var loaded = await CreateStore().LoadAsync(Mailbox, Cancel);

        Assert.Equal(new ImportMergeResult(2, 5, 2, 5), result);
        Assert.Equal(batch.Contacts.OrderBy(c => c.ContactKey, StringComparer.Ordinal), loaded.Contacts);
        Assert.Equal(
            batch.Messages.Select(m => (TextChannel.LinkedIn, m)).OrderBy(m => m.m.ContactKey, StringComparer.Ordinal).ThenBy(m => m.m.MessageKey),
            loaded.Messages.OrderBy(m => m.Message.ContactKey, StringComparer.Ordinal).ThenBy(m => m.Message.MessageKey));
    }

    [Fact]
    public async Task Merging_the_same_batch_twice_adds_nothing_the_second_time()
    {
        var store = CreateStore();
        var batch = Batch(("dana@fabrikam.com", 4), ("https://www.linkedin.com/in/erin", 1));
        await store.MergeAsync(Mailbox, batch, Cancel);

        var again = await CreateStore().MergeAsync(Mailbox, batch, Cancel);

        Assert.Equal(new ImportMergeResult(0, 0, 2, 5), again);
        Assert.Equal(5, (await store.LoadAsync(Mailbox, Cancel)).Messages.Count);
    }

    [Fact]
    public async Task A_later_batch_adds_only_what_is_new_and_fills_what_was_unknown()
    {
        var store = CreateStore();
        await store.MergeAsync(Mailbox, Batch(("dana@fabrikam.com", 2)) with
        {
            Contacts = [new ImportedContact("dana@fabrikam.com", "dana@fabrikam.com", null, null, null)],
        }, Cancel);

        var later = Batch(("dana@fabrikam.com", 3), ("https://www.linkedin.com/in/erin", 1));
        var result = await store.MergeAsync(Mailbox, later, Cancel);
        var dana = (await store.LoadAsync(Mailbox, Cancel)).Contacts.Single(c => c.ContactKey == "dana@fabrikam.com");

        Assert.Equal(new ImportMergeResult(1, 2, 2, 4), result);
        Assert.Equal("https://www.linkedin.com/in/dana", dana.ProfileUrl);
        Assert.Equal("Contact dana@fabrikam.com", dana.DisplayName);
    }

    [Fact]
    public async Task Two_importers_of_the_same_export_at_once_count_each_message_once()
    {
        var batch = Batch(("dana@fabrikam.com", 40), ("erin@contoso.com", 30), ("https://www.linkedin.com/in/finn", 20));
        var first = CreateStore();
        var second = CreateStore();

        var results = await Task.WhenAll(
            Task.Run(() => first.MergeAsync(Mailbox, batch, Cancel), Cancel),
            Task.Run(() => second.MergeAsync(Mailbox, batch, Cancel), Cancel));

        Assert.Equal(3, results.Sum(r => r.ContactsAdded));
        Assert.Equal(90, results.Sum(r => r.MessagesAdded));
        Assert.Equal(90, (await first.LoadAsync(Mailbox, Cancel)).Messages.Count);
    }

    [Fact]
    public async Task Two_importers_of_different_exports_at_once_keep_both()
    {
        var one = Batch(("dana@fabrikam.com", 25));
        var two = Batch(("dana@fabrikam.com", 25), ("erin@contoso.com", 5)) with { };
        two = two with { Messages = [.. two.Messages.Select(m => m with { MessageKey = m.MessageKey + 1_000_000 })] };
        var first = CreateStore();
        var second = CreateStore();

        await Task.WhenAll(
            Task.Run(() => first.MergeAsync(Mailbox, one, Cancel), Cancel),
            Task.Run(() => second.MergeAsync(Mailbox, two, Cancel), Cancel));
        var loaded = await CreateStore().LoadAsync(Mailbox, Cancel);

        Assert.Equal(55, loaded.Messages.Count);
        Assert.Equal(50, loaded.Messages.Count(m => m.Message.ContactKey == "dana@fabrikam.com"));
    }

    [Fact]
    public async Task Thousands_of_messages_with_one_contact_round_trip()
    {
        var store = CreateStore();
        var batch = Batch(("dana@fabrikam.com", 6_000));

        await store.MergeAsync(Mailbox, batch, Cancel);
        var loaded = await CreateStore().LoadAsync(Mailbox, Cancel);

        Assert.Equal(6_000, loaded.Messages.Count);
        Assert.Equal(batch.Messages.Select(m => m.MessageKey).Order(), loaded.Messages.Select(m => m.Message.MessageKey).Order());
    }

    [Fact]
    public async Task Erasing_removes_everything_of_that_mailbox_only()
    {
        var store = CreateStore();
        await store.MergeAsync(Mailbox, Batch(("dana@fabrikam.com", 3)), Cancel);
        await store.MergeAsync(OtherMailbox, Batch(("erin@contoso.com", 2)), Cancel);

        await CreateStore().EraseAsync(Mailbox.ToUpperInvariant(), Cancel);

        Assert.Empty((await store.LoadAsync(Mailbox, Cancel)).Contacts);
        Assert.Equal(2, (await store.LoadAsync(OtherMailbox, Cancel)).Messages.Count);
        Assert.Equal(new ImportMergeResult(1, 3, 1, 3), await store.MergeAsync(Mailbox, Batch(("dana@fabrikam.com", 3)), Cancel));
    }

    /// <summary>Contacts with the given number of messages each, alternating directions, an hour apart.</summary>
    protected static ImportBatch Batch(params (string Key, int Messages)[] contacts)
    {
        var people = contacts.Select(c => new ImportedContact(
            c.Key,
            c.Key.Contains('@', StringComparison.Ordinal) ? c.Key : null,
            c.Key.Contains('@', StringComparison.Ordinal) ? "https://www.linkedin.com/in/" + c.Key.Split('@')[0] : c.Key,
            "Contact " + c.Key,
            new DateTimeOffset(2024, 3, 12, 0, 0, 0, TimeSpan.Zero))).ToList();
        var messages = contacts.SelectMany(c => Enumerable.Range(0, c.Messages).Select(i => new ImportedMessage(
            c.Key,
            TextTouchpoint.Key($"{c.Key}|{i}"),
            TextTouchpoint.Key(c.Key),
            At.AddHours(-i),
            i % 2 == 0 ? TextDirection.Received : TextDirection.Sent))).ToList();
        return new ImportBatch(TextChannel.LinkedIn, people, messages);
    }
}
