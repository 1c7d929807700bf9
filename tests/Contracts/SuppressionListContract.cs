using Outreach.Core.Invitations;

namespace Outreach.Tests.Contracts;

/// <summary>
/// What every <see cref="ISuppressionList"/> promises, run against each implementation: the file list
/// (Outreach.Storage.Files.Tests) and the table list (Outreach.Storage.Tests, against Azurite). This one source file
/// is compiled into both test projects. Each test uses mailboxes of its own.
/// </summary>
public abstract class SuppressionListContract
{
    /// <summary>A mailbox no other test uses.</summary>
    protected string Mailbox { get; } = $"avery.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    /// <summary>Another mailbox no other test uses.</summary>
    protected string OtherMailbox { get; } = $"blake.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    /// <summary>The list under test; may be called more than once (a second call is a second worker).</summary>
    protected abstract ISuppressionList CreateList();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_mailbox_has_an_empty_list()
    {
        var list = CreateList();

        Assert.Empty(await list.ListAsync(Mailbox, Cancel));
        Assert.False(await list.RemoveAsync(Mailbox, "dana@fabrikam.com", Cancel));
        Assert.Equal(0, await list.DeleteMailboxAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Adding_is_idempotent_and_case_insensitive()
    {
        var list = CreateList();

        Assert.True(await list.AddAsync(Mailbox, "dana@fabrikam.com", "asked by phone", Cancel));
        Assert.False(await list.AddAsync(Mailbox, "dana@fabrikam.com", "again", Cancel));
        Assert.False(await CreateList().AddAsync(Mailbox, "  Dana@Fabrikam.COM ", null, Cancel));

        Assert.Equal(["dana@fabrikam.com"], await list.ListAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Removing_is_idempotent_and_case_insensitive()
    {
        var list = CreateList();
        await list.AddAsync(Mailbox, "dana@fabrikam.com", null, Cancel);
        await list.AddAsync(Mailbox, "erin@contoso.com", null, Cancel);

        Assert.True(await list.RemoveAsync(Mailbox, "DANA@fabrikam.com", Cancel));
        Assert.False(await list.RemoveAsync(Mailbox, "dana@fabrikam.com", Cancel));
        Assert.False(await list.RemoveAsync(Mailbox, "never.added@fabrikam.com", Cancel));

        Assert.Equal(["erin@contoso.com"], await list.ListAsync(Mailbox, Cancel));

        // Removed, it may be added again.
        Assert.True(await list.AddAsync(Mailbox, "dana@fabrikam.com", null, Cancel));
    }

    [Fact]
    public async Task The_list_is_normalized_and_sorted()
    {
        var list = CreateList();
        foreach (var entry in new[] { "Zed@contoso.com", "@Fabrikam.COM", "amy+news@adatum.com", "amy@adatum.com", "@adatum.com", "0800@tel.example.com" })
        {
            Assert.True(await list.AddAsync(Mailbox, entry, null, Cancel));
        }

        Assert.Equal(
            ["0800@tel.example.com", "@adatum.com", "@fabrikam.com", "amy+news@adatum.com", "amy@adatum.com", "zed@contoso.com"],
            await list.ListAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Domain_entries_are_entries_of_their_own()
    {
        var list = CreateList();

        Assert.True(await list.AddAsync(Mailbox, "@Contoso.com", "the whole company", Cancel));
        Assert.True(await list.AddAsync(Mailbox, "erin@contoso.com", null, Cancel));
        Assert.False(await list.AddAsync(Mailbox, " @CONTOSO.COM", null, Cancel));
        Assert.True(await list.AddAsync(Mailbox, "@sales.contoso.com", null, Cancel));

        Assert.Equal(["@contoso.com", "@sales.contoso.com", "erin@contoso.com"], await list.ListAsync(Mailbox, Cancel));

        Assert.True(await list.RemoveAsync(Mailbox, "@contoso.com", Cancel));
        Assert.False(await list.RemoveAsync(Mailbox, "contoso.com@contoso.com", Cancel));
        Assert.Equal(["@sales.contoso.com", "erin@contoso.com"], await list.ListAsync(Mailbox, Cancel));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("dana")]
    [InlineData("contoso.com")]
    [InlineData("@")]
    [InlineData("@contoso")]
    [InlineData("@@contoso.com")]
    [InlineData("dana@")]
    [InlineData("dana@contoso")]
    [InlineData("dana@@contoso.com")]
    [InlineData("dana smith@contoso.com")]
    [InlineData("@contoso.com.")]
    public async Task An_entry_that_is_neither_an_address_nor_a_domain_is_refused(string entry)
    {
        var list = CreateList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => list.AddAsync(Mailbox, entry, null, Cancel));
        Assert.Equal("entry", error.ParamName);
        Assert.Contains($"'{entry}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'@example.com'", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => list.RemoveAsync(Mailbox, entry, Cancel));

        Assert.Empty(await list.ListAsync(Mailbox, Cancel));
    }

    [Fact]
    public async Task Mailboxes_are_case_insensitive_and_apart()
    {
        var list = CreateList();
        await list.AddAsync(" " + Mailbox.ToUpperInvariant(), "dana@fabrikam.com", null, Cancel);
        await list.AddAsync(OtherMailbox, "erin@contoso.com", null, Cancel);

        Assert.Equal(["dana@fabrikam.com"], await list.ListAsync(Mailbox, Cancel));
        Assert.False(await list.AddAsync(Mailbox, "dana@fabrikam.com", null, Cancel));
        Assert.Equal(["erin@contoso.com"], await list.ListAsync(OtherMailbox, Cancel));
        Assert.False(await list.RemoveAsync(OtherMailbox, "dana@fabrikam.com", Cancel));
    }

    [Fact]
    public async Task Deleting_a_mailbox_erases_its_list_only_and_counts_the_entries()
    {
        var list = CreateList();
        await list.AddAsync(Mailbox, "dana@fabrikam.com", null, Cancel);
        await list.AddAsync(Mailbox, "@contoso.com", null, Cancel);
        await list.AddAsync(OtherMailbox, "dana@fabrikam.com", null, Cancel);

        Assert.Equal(2, await CreateList().DeleteMailboxAsync(Mailbox.ToUpperInvariant(), Cancel));

        Assert.Empty(await list.ListAsync(Mailbox, Cancel));
        Assert.Equal(0, await list.DeleteMailboxAsync(Mailbox, Cancel));
        Assert.Equal(["dana@fabrikam.com"], await list.ListAsync(OtherMailbox, Cancel));
    }

    [Fact]
    public async Task Of_concurrent_adds_of_one_entry_exactly_one_is_new()
    {
        const int workers = 8;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, workers).Select(i =>
        {
            var list = CreateList();
            return Task.Run(async () =>
            {
                await start.Task.WaitAsync(Cancel);
                return await list.AddAsync(Mailbox, i % 2 == 0 ? "dana@fabrikam.com" : "DANA@fabrikam.com", $"worker {i}", Cancel);
            }, Cancel);
        }).ToList();

        start.SetResult();
        var added = await Task.WhenAll(attempts);

        Assert.Single(added, a => a);
        Assert.Equal(["dana@fabrikam.com"], await CreateList().ListAsync(Mailbox, Cancel));
    }
}
