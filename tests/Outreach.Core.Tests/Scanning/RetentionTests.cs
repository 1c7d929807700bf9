using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using Outreach.Storage.Files.State;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Scanning;

public sealed class RetentionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-retention-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_contact_silent_for_longer_than_the_retention_period_is_forgotten()
    {
        var reader = new ScriptedMailboxReader();
        reader.Add(MailFolderKind.Inbox, Received("dana@fabrikam.com", 5), Received("old@contoso.com", 100));
        var store = new FileMailboxStateStore(_directory);
        MailboxScanner Scanner() => new(reader, store, Options.Create(new WarmthPolicyOptions()),
            Options.Create(new ScanOptions { CheckpointInterval = TimeSpan.Zero, RetentionDays = 200 }), new FakeTimeProvider(AsOf),
            NullLogger<MailboxScanner>.Instance);

        await Scanner().HarvestAsync(new ScanRequest(Owner, AsOf), null, TestContext.Current.CancellationToken);
        Assert.Contains("old@contoso.com", (await store.LoadAsync(Owner, TestContext.Current.CancellationToken))!.Contacts.Keys);

        await Scanner().HarvestAsync(new ScanRequest(Owner, AsOf.AddDays(150)), null, TestContext.Current.CancellationToken);
        var later = (await store.LoadAsync(Owner, TestContext.Current.CancellationToken))!;

        Assert.DoesNotContain("old@contoso.com", later.Contacts.Keys);
        Assert.Contains("dana@fabrikam.com", later.Contacts.Keys);
        Assert.Single(later.Contacts["dana@fabrikam.com"].Texts);
    }
}
