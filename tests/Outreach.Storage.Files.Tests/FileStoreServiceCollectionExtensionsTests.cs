using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Invitations;
using Outreach.Core.State;

namespace Outreach.Storage.Files.Tests;

/// <summary>What the CLI's composition gets from <see cref="FileStoreServiceCollectionExtensions.AddOutreachFileStores"/>.</summary>
public sealed class FileStoreServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-di-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_registered_stores_keep_everything_under_the_one_state_folder()
    {
        using var services = new ServiceCollection().AddOutreachFileStores(_directory).BuildServiceProvider();

        await services.GetRequiredService<IMailboxStateStore>().SaveAsync(MailboxState.Create("avery@northwind.com"), Cancel);
        await services.GetRequiredService<ISuppressionList>().AddAsync("avery@northwind.com", "@fabrikam.com", null, Cancel);
        await services.GetRequiredService<IInvitationLedger>().ReserveAsync(
            new InvitationLedgerEntry
            {
                Mailbox = "avery@northwind.com", Contact = "dana@fabrikam.com", Status = InvitationStatus.Pending, Mode = InvitationMode.Video,
                TransactionId = "tx-1", ReservedAt = DateTimeOffset.UtcNow,
            },
            new ReservationPolicy(DateTimeOffset.UtcNow, CooldownDays: 30, DeclinedCooldownDays: 90), Cancel);

        var files = Directory.GetFiles(_directory, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(["avery@northwind.com.json", "invitations/avery@northwind.com.json", "suppressions/avery@northwind.com.json"], files);
    }

    [Fact]
    public void The_stores_are_one_instance_each_for_the_whole_run()
    {
        using var services = new ServiceCollection().AddOutreachFileStores(_directory).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<IMailboxStateStore>(), services.GetRequiredService<IMailboxStateStore>());
        Assert.Same(services.GetRequiredService<IInvitationLedger>(), services.GetRequiredService<IInvitationLedger>());
    }
}
