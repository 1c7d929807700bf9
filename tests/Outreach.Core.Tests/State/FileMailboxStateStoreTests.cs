using Outreach.Core.State;
using Outreach.Tests.Contracts;

namespace Outreach.Core.Tests.State;

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
}
