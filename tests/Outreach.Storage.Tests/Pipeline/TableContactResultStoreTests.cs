using Azure.Data.Tables;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Storage.Internal;
using Outreach.Storage.Pipeline;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Pipeline;

public sealed class TableContactResultStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Addresses with every character a table key forbids or trips over, and then some.</summary>
    public static readonly TheoryData<string> OddAddresses =
    [
        "o'brien@fabrikam.com",
        "a/b@fabrikam.com",
        "back\\slash@fabrikam.com",
        "hash#tag@fabrikam.com",
        "what?@fabrikam.com",
        "percent%41@fabrikam.com",
        "plus+tag@fabrikam.com",
        "tab\tand\u0001control@fabrikam.com",
        "\"quoted local\"@fabrikam.com",
        "ünïcødé@bücher.example",
        "emoji😀@fabrikam.com",
        "amp&eq=@fabrikam.com",
    ];

    private readonly string _mailbox = $"jules.{Guid.NewGuid().ToString("N")[..10]}@northwind.com";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TableContactResultStore Store() => new(azurite.Tables, azurite.Table(StorageNames.ContactTable));

    private static ContactAssessment Contact(string email, ContactStatus status = ContactStatus.Flagged, double? score = 50, string? name = "Someone") =>
        new(email, name, status, score, 4, 3, 5, At.AddDays(-2), status == ContactStatus.Met ? At.AddDays(-30) : null, null,
            ["7 emails in 180 days, 3 from them", "last 2 days ago"], "Subject");

    [Fact]
    public async Task Contacts_list_in_rank_order_with_every_field()
    {
        var store = Store();
        // Rank order is not address order.
        List<ContactAssessment> ranked =
        [
            Contact("zoe@fabrikam.com", score: 90.0),
            Contact("adam@fabrikam.com", score: 72.45),
            new("mia@contoso.com", null, ContactStatus.Met, null, 0, 1, 1, null, At.AddDays(-30), At.AddDays(3), [], null),
            Contact("bob@contoso.com", ContactStatus.BelowThreshold, score: null, name: null),
        ];

        await store.ReplaceAsync(_mailbox, "scan-1", ranked, Cancel);
        var listed = await store.ListAsync(_mailbox, null, Cancel);

        Assert.Equal(ranked.Select(c => c.Email), listed.Select(c => c.Email));
        for (var i = 0; i < ranked.Count; i++)
        {
            var expected = ContactReport.From(ranked[i]);
            Assert.Equal(expected with { Reasons = listed[i].Reasons }, listed[i]);
            Assert.Equal(expected.Reasons, listed[i].Reasons);
        }

        Assert.Equal(90.0, listed[0].Score);
        Assert.Null(listed[3].Score);
        Assert.Null(listed[3].DisplayName);
    }

    [Fact]
    public async Task Channels_the_profile_and_a_LinkedIn_only_contact_survive_the_table()
    {
        var store = Store();
        const string sofia = "https://www.linkedin.com/in/sofia-marin-4821";
        List<ContactAssessment> ranked =
        [
            Contact(sofia, score: 80) with { Channels = new ChannelCounts(0, 0, 7), LinkedinUrl = sofia, IsLinkedInOnly = true },
            Contact("dana@fabrikam.com", score: 70) with { Channels = new ChannelCounts(2, 3, 2), LinkedinUrl = "https://www.linkedin.com/in/dana" },
        ];

        await store.ReplaceAsync(_mailbox, "scan-1", ranked, Cancel);
        var listed = await store.ListAsync(_mailbox, null, Cancel);

        Assert.Null(listed[0].Email);
        Assert.Equal(sofia, listed[0].LinkedinUrl);
        Assert.Equal(new ChannelCounts(0, 0, 7), listed[0].Channels);
        Assert.Equal("dana@fabrikam.com", listed[1].Email);
        Assert.Equal(new ChannelCounts(2, 3, 2), listed[1].Channels);
        Assert.Equal("https://www.linkedin.com/in/dana", listed[1].LinkedinUrl);
    }

    [Fact]
    public async Task A_row_written_before_channels_existed_reads_as_all_email()
    {
        var row = TableContactResultStore.ToEntity(TableKeys.ForAddress(_mailbox), TableKeys.ForAddress("old@fabrikam.com"), Contact("old@fabrikam.com"), "scan-0", 1);
        foreach (var column in new[] { "ChannelEmail", "ChannelTeamsChat", "ChannelLinkedIn" }) row.Remove(column);

        var report = TableContactResultStore.FromEntity(row);

        Assert.Equal(new ChannelCounts(7, 0, 0), report.Channels);
        Assert.Equal("old@fabrikam.com", report.Email);
        Assert.Null(report.LinkedinUrl);
    }

    [Fact]
    public async Task A_status_filter_is_applied_by_the_table()
    {
        var store = Store();
        await store.ReplaceAsync(_mailbox, "scan-1",
        [
            Contact("a@fabrikam.com"),
            Contact("b@fabrikam.com", ContactStatus.Met),
            Contact("c@fabrikam.com"),
            Contact("d@fabrikam.com", ContactStatus.BelowThreshold),
            Contact("e@fabrikam.com", ContactStatus.Excluded),
        ], Cancel);

        Assert.Equal(["a@fabrikam.com", "c@fabrikam.com"], (await store.ListAsync(_mailbox, ContactStatus.Flagged, Cancel)).Select(c => c.Email));
        Assert.Equal(["d@fabrikam.com"], (await store.ListAsync(_mailbox, ContactStatus.BelowThreshold, Cancel)).Select(c => c.Email));
        Assert.Empty(await store.ListAsync(_mailbox, ContactStatus.Scheduled, Cancel));

        var rows = azurite.Tables.GetTableClient(store.TableName)
            .QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.ForAddress(_mailbox) && e.RowKey == "d@fabrikam.com", cancellationToken: Cancel);
        await foreach (var row in rows) Assert.Equal("below-threshold", row.GetString("Status"));
    }

    [Fact]
    public async Task A_new_result_replaces_the_old_and_removes_vanished_contacts()
    {
        var store = Store();
        await store.ReplaceAsync(_mailbox, "scan-1", [Contact("a@fabrikam.com"), Contact("b@fabrikam.com"), Contact("c@fabrikam.com")], Cancel);

        await store.ReplaceAsync(_mailbox, "scan-2", [Contact("c@fabrikam.com", score: 99), Contact("d@fabrikam.com")], Cancel);

        var listed = await store.ListAsync(_mailbox, null, Cancel);
        Assert.Equal(["c@fabrikam.com", "d@fabrikam.com"], listed.Select(c => c.Email));
        Assert.Equal(99, listed[0].Score);

        await store.ReplaceAsync(_mailbox, "scan-3", [], Cancel);
        Assert.Empty(await store.ListAsync(_mailbox, null, Cancel));
    }

    [Fact]
    public async Task Replaying_a_write_leaves_the_same_rows()
    {
        var store = Store();
        List<ContactAssessment> contacts = [.. Enumerable.Range(0, 230).Select(i => Contact($"person{i:D3}@fabrikam.com", score: 100 - (i * 0.25)))];
        await store.ReplaceAsync(_mailbox, "scan-1", [Contact("old@fabrikam.com")], Cancel);

        await store.ReplaceAsync(_mailbox, "scan-2", contacts, Cancel);
        var first = await store.ListAsync(_mailbox, null, Cancel);
        await store.ReplaceAsync(_mailbox, "scan-2", contacts, Cancel);
        var second = await store.ListAsync(_mailbox, null, Cancel);

        Assert.Equal(230, first.Count);
        Assert.Equal(contacts.Select(c => c.Email), first.Select(c => c.Email));
        Assert.Equal(first.Select(c => (c.Email, c.Score, c.Status)), second.Select(c => (c.Email, c.Score, c.Status)));
    }

    [Fact]
    public async Task Odd_characters_in_addresses_are_stored_listed_and_removed()
    {
        var store = Store();
        List<ContactAssessment> odd = [.. OddAddresses.Select(row => Contact((string)row.Data))];

        await store.ReplaceAsync(_mailbox, "scan-1", odd, Cancel);
        Assert.Equal(odd.Select(c => c.Email), (await store.ListAsync(_mailbox, null, Cancel)).Select(c => c.Email));

        // Each row's key can be deleted again (a replace without them, then erasure).
        await store.ReplaceAsync(_mailbox, "scan-2", [.. odd.Take(3)], Cancel);
        Assert.Equal(odd.Take(3).Select(c => c.Email), (await store.ListAsync(_mailbox, null, Cancel)).Select(c => c.Email));
        Assert.Equal(3, await store.DeleteMailboxAsync(_mailbox, Cancel));
        Assert.Empty(await store.ListAsync(_mailbox, null, Cancel));
    }

    [Fact]
    public async Task An_address_is_one_row_whatever_its_case()
    {
        var store = Store();

        await store.ReplaceAsync(_mailbox, "scan-1", [Contact("Dana@Fabrikam.com", score: 80), Contact("dana@fabrikam.com", score: 10)], Cancel);

        var listed = await store.ListAsync(_mailbox.ToUpperInvariant(), null, Cancel);
        Assert.Equal(80, Assert.Single(listed).Score);
    }

    [Fact]
    public async Task Erasing_a_mailbox_deletes_its_contacts_only()
    {
        var store = Store();
        var other = $"other.{Guid.NewGuid().ToString("N")[..8]}@northwind.com";
        await store.ReplaceAsync(_mailbox, "scan-1", [.. Enumerable.Range(0, 120).Select(i => Contact($"p{i}@fabrikam.com"))], Cancel);
        await store.ReplaceAsync(other, "scan-9", [Contact("p1@fabrikam.com")], Cancel);

        Assert.Equal(120, await store.DeleteMailboxAsync(_mailbox.ToUpperInvariant(), Cancel));

        Assert.Empty(await store.ListAsync(_mailbox, null, Cancel));
        Assert.Single(await store.ListAsync(other, null, Cancel));
        Assert.Equal(0, await store.DeleteMailboxAsync(_mailbox, Cancel));
    }

    [Theory]
    [MemberData(nameof(OddAddresses))]
    public void Keys_hold_no_character_a_table_key_forbids(string address)
    {
        var key = TableKeys.ForAddress(address);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' or '%' or '\'' || char.IsControl(c) || c > 0x7e);
        Assert.NotEqual(TableKeys.ForAddress(address + "x"), key);
        Assert.Equal(key, TableKeys.ForAddress(" " + address.ToUpperInvariant()));
    }

    [Fact]
    public void Ordinary_addresses_keep_their_readable_key_and_long_ones_fit()
    {
        Assert.Equal("dana.whitfield_2@fabrikam-labs.com", TableKeys.ForAddress("Dana.Whitfield_2@Fabrikam-Labs.com"));
        Assert.Equal("a!2Bb@x.com", TableKeys.ForAddress("a+b@x.com"));
        Assert.Equal("!21@x.com", TableKeys.ForAddress("!@x.com"));

        var longest = new string('é', 400) + "@example.com";
        var key = TableKeys.ForAddress(longest);
        Assert.True(key.Length <= 512);
        Assert.NotEqual(key, TableKeys.ForAddress(new string('é', 401) + "@example.com"));
    }
}
