using Outreach.Core.Invitations;
using Outreach.Storage.Invitations;
using Outreach.Storage.Tests.Support;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Tests.Invitations;

/// <summary>The table list against the shared suppression contract (tests/Contracts), on Azurite.</summary>
public sealed class TableSuppressionListContractTests(AzuriteFixture azurite) : SuppressionListContract, IClassFixture<AzuriteFixture>
{
    protected override ISuppressionList CreateList() => new TableSuppressionList(azurite.Tables, azurite.Table(StorageNames.SuppressionTable));
}
