using Outreach.Core.Digest;
using Outreach.Storage.Digest;
using Outreach.Storage.Tests.Support;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Tests.Digest;

/// <summary>The table store against the shared digest contract (tests/Contracts), on Azurite.</summary>
public sealed class TableDigestStoreContractTests(AzuriteFixture azurite) : DigestStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IDigestStore CreateStore() => new TableDigestStore(azurite.Tables, azurite.Table(StorageNames.DigestTable));
}
