using Outreach.Core.State;
using Outreach.Storage.State;
using Outreach.Storage.Tests.Support;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Tests.State;

/// <summary>The table store against the shared store contract (tests/Contracts), on Azurite.</summary>
public sealed class TableMailboxStateStoreContractTests(AzuriteFixture azurite) : MailboxStateStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IMailboxStateStore CreateStore() => new TableMailboxStateStore(azurite.Tables, tableName: azurite.Table(StorageNames.StateTable));
}
