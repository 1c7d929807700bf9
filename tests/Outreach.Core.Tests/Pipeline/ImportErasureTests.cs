using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Core.State;
using Outreach.Core.Tests.Support;
using Outreach.Core.Touchpoints;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Pipeline;

/// <summary>Issue 13: erasing a mailbox erases what was imported for it, so no later scan counts it.</summary>
public sealed class ImportErasureTests
{
    [Fact]
    public async Task Erasing_a_mailbox_erases_its_imports()
    {
        var imports = new FakeImportStore(Teams.LinkedIn("https://www.linkedin.com/in/x", null, "https://www.linkedin.com/in/x", (3, TextDirection.Sent)));
        var eraser = new MailboxEraser(
            Substitute.For<IMailboxStateStore>(), new InMemoryScanRecordStore(), new InMemoryContactResultStore(),
            Substitute.For<IInvitationLedger>(), Substitute.For<ISuppressionList>(), NullLogger<MailboxEraser>.Instance, imports: imports);

        await eraser.EraseAsync("Avery@Northwind.com", TestContext.Current.CancellationToken);

        Assert.Equal([Owner], imports.Erased);
        Assert.Empty((await imports.LoadAsync(Owner, TestContext.Current.CancellationToken)).Messages);
    }
}
