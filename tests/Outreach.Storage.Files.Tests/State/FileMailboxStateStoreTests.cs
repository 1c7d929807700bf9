using Outreach.Core.State;
using Outreach.Storage.Files.State;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Files.Tests.State;

/// <summary>The file store against the shared store contract (tests/Contracts), plus what is its own.</summary>
public sealed class FileMailboxStateStoreTests : MailboxStateStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-store-" + Guid.NewGuid().ToString("N"));

    protected override IMailboxStateStore CreateStore() => new FileMailboxStateStore(_directory);

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Saves_leave_one_file_per_mailbox_and_nothing_else()
    {
        var store = CreateStore();
        var state = SampleState();
        await store.SaveAsync(state, Cancel);
        await store.SaveAsync(state, Cancel);

        Assert.Equal([Mailbox + ".json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    /// <summary>Where the store put a mailbox's state before issue 12 (one '_' for anything unusual).</summary>
    private string OldPath(string mailbox) =>
        Path.Combine(_directory, string.Concat(mailbox.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '_' ? c : '_')) + ".json");

    /// <summary>Saves a state, then moves its file to the name the old mapping gave it.</summary>
    private async Task<string> WriteUnderOldNameAsync(string mailbox, string cursor)
    {
        var state = MailboxState.Create(mailbox);
        state.Cursors[StreamNames.Inbox] = cursor;
        await CreateStore().SaveAsync(state, Cancel);
        var file = Assert.Single(Directory.GetFiles(_directory, "*.json"));
        File.Move(file, OldPath(mailbox));
        return OldPath(mailbox);
    }

    [Fact]
    public async Task A_state_under_its_old_file_name_is_taken_over_unchanged_by_its_mailbox()
    {
        var mailbox = Mailbox.Replace("avery.", "avery+", StringComparison.Ordinal);
        var old = await WriteUnderOldNameAsync(mailbox, "kept");
        var hashBefore = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(old)));
        var store = CreateStore();

        var loaded = await store.LoadAsync(mailbox, Cancel);

        Assert.NotNull(loaded);
        Assert.Equal("kept", loaded.Cursors[StreamNames.Inbox]);
        Assert.Equal(hashBefore, loaded.ETag);
        Assert.False(File.Exists(old));
        loaded.Cursors[StreamNames.Inbox] = "moved on";
        await store.SaveAsync(loaded, Cancel);
        Assert.Equal("moved on", (await CreateStore().LoadAsync(mailbox, Cancel))!.Cursors[StreamNames.Inbox]);
        Assert.Single(Directory.GetFiles(_directory, "*.json"));
    }

    [Fact]
    public async Task The_old_shared_file_goes_only_to_the_mailbox_written_inside_it()
    {
        var plus = Mailbox.Replace("avery.", "avery+", StringComparison.Ordinal);
        var underscore = Mailbox.Replace("avery.", "avery_", StringComparison.Ordinal);
        Assert.Equal(OldPath(plus), OldPath(underscore));
        await WriteUnderOldNameAsync(underscore, "underscore's");
        var store = CreateStore();

        Assert.Null(await store.LoadAsync(plus, Cancel));
        Assert.Equal("underscore's", (await store.LoadAsync(underscore, Cancel))!.Cursors[StreamNames.Inbox]);
        Assert.Null(await store.LoadAsync(plus, Cancel));
    }

    [Fact]
    public async Task Erasing_a_mailbox_also_removes_its_state_under_the_old_name()
    {
        var mailbox = Mailbox.Replace("avery.", "avery+", StringComparison.Ordinal);
        var old = await WriteUnderOldNameAsync(mailbox, "old");

        Assert.True(await CreateStore().DeleteAsync(mailbox, Cancel));

        Assert.False(File.Exists(old));
        Assert.Null(await CreateStore().LoadAsync(mailbox, Cancel));
    }

    [Fact]
    public async Task A_state_folder_written_by_the_old_mapping_is_read_and_answers_as_before()
    {
        // The schema-1 fixture as the code before issue 12 stored it for a mailbox with a '+': under the old name.
        var mailbox = "avery+sales@northwind.com";
        Directory.CreateDirectory(_directory);
        var old = Path.Combine(_directory, "avery_sales@northwind.com.json");
        await File.WriteAllTextAsync(old, Schema1Fixture.StateJson().Replace(
            "\"mailbox\":\"avery@northwind.com\"", $"\"mailbox\":\"{mailbox}\"", StringComparison.Ordinal), Cancel);

        var loaded = await CreateStore().LoadAsync(mailbox, Cancel);

        Assert.NotNull(loaded);
        Assert.Equal(mailbox, loaded.Mailbox);
        Assert.Equal(Schema1Fixture.ExpectedAssessments(), Schema1Fixture.Assess(loaded));
        Assert.Equal(["avery_2Bsales@northwind.com.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Of_two_stores_saving_the_same_version_at_once_exactly_one_wins()
    {
        await CreateStore().SaveAsync(SampleState(contacts: 300), Cancel);
        for (var round = 0; round < 20; round++)
        {
            var mine = (await CreateStore().LoadAsync(Mailbox, Cancel))!;
            var theirs = (await CreateStore().LoadAsync(Mailbox, Cancel))!;
            mine.Cursors[StreamNames.Inbox] = $"mine {round}";
            theirs.Cursors[StreamNames.Inbox] = $"theirs {round}";

            // Two fresh stores, as two processes would be: neither knows the file's hash, so each reads it.
            var saves = new[] { mine, theirs }.Select(state => (Store: CreateStore(), State: state)).ToArray();
            using var start = new Barrier(saves.Length);
            var winners = (await Task.WhenAll(saves.Select(save => Task.Run(async () =>
            {
                start.SignalAndWait(Cancel);
                try
                {
                    await save.Store.SaveAsync(save.State, Cancel);
                    return save.State.Cursors[StreamNames.Inbox];
                }
                catch (StateConflictException)
                {
                    return null;
                }
            }, Cancel)))).OfType<string>().ToArray();

            var winner = Assert.Single(winners);
            Assert.Equal(winner, (await CreateStore().LoadAsync(Mailbox, Cancel))!.Cursors[StreamNames.Inbox]);
        }

        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task A_refused_save_leaves_no_temporary_file()
    {
        var store = CreateStore();
        await store.SaveAsync(MailboxState.Create(Mailbox), Cancel);

        await Assert.ThrowsAsync<StateConflictException>(() => CreateStore().SaveAsync(MailboxState.Create(Mailbox), Cancel));

        Assert.Equal([Mailbox + ".json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }
}
