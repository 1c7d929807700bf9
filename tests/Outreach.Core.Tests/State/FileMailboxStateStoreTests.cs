using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.State;

public sealed class FileMailboxStateStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task State_survives_a_round_trip()
    {
        var store = new FileMailboxStateStore(_directory);
        var state = Mailbox([Received("dana@fabrikam.com", 3, name: "Dana")], events: [Meeting("lee@contoso.com", -2)]);
        state.Cursors["inbox"] = "https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=abc";

        await store.SaveAsync(state, TestContext.Current.CancellationToken);
        var loaded = await store.LoadAsync(Owner.ToUpperInvariant(), TestContext.Current.CancellationToken);

        Assert.NotNull(loaded);
        Assert.Equal(state.Cursors, loaded.Cursors);
        Assert.Equal("Dana", loaded.Contacts["dana@fabrikam.com"].DisplayName);
        Assert.Equal(state.Contacts["dana@fabrikam.com"].Texts, loaded.Contacts["dana@fabrikam.com"].Texts);
        Assert.Equal(MeetingMedium.Video, loaded.Meetings.Values.Single().Medium);
        Assert.NotNull(loaded.ETag);
    }

    [Fact]
    public async Task Loaded_ledgers_still_refuse_duplicates()
    {
        var store = new FileMailboxStateStore(_directory);
        var message = Received("dana@fabrikam.com", 3, id: "same-id");
        await store.SaveAsync(Mailbox([message]), TestContext.Current.CancellationToken);

        var loaded = (await store.LoadAsync(Owner, TestContext.Current.CancellationToken))!;
        TouchpointRecorder.ApplyMail(loaded, MailFolderKind.Inbox, Page([message]));

        Assert.Single(loaded.Contacts["dana@fabrikam.com"].Texts);
    }

    [Fact]
    public async Task Saving_over_a_newer_version_is_refused()
    {
        var store = new FileMailboxStateStore(_directory);
        await store.SaveAsync(Mailbox(), TestContext.Current.CancellationToken);
        var first = (await store.LoadAsync(Owner, TestContext.Current.CancellationToken))!;
        var second = (await store.LoadAsync(Owner, TestContext.Current.CancellationToken))!;

        first.Cursors["inbox"] = "a";
        await store.SaveAsync(first, TestContext.Current.CancellationToken);
        second.Cursors["inbox"] = "b";

        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync(second, TestContext.Current.CancellationToken));
        Assert.Equal("a", (await store.LoadAsync(Owner, TestContext.Current.CancellationToken))!.Cursors["inbox"]);
    }

    [Fact]
    public async Task A_new_state_cannot_overwrite_an_existing_one()
    {
        var store = new FileMailboxStateStore(_directory);
        await store.SaveAsync(Mailbox(), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync(Mailbox(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Delete_erases_the_mailbox()
    {
        var store = new FileMailboxStateStore(_directory);
        await store.SaveAsync(Mailbox(), TestContext.Current.CancellationToken);

        Assert.True(await store.DeleteAsync(Owner, TestContext.Current.CancellationToken));
        Assert.Null(await store.LoadAsync(Owner, TestContext.Current.CancellationToken));
        Assert.False(await store.DeleteAsync(Owner, TestContext.Current.CancellationToken));
    }
}
