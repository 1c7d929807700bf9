using Outreach.Core.Invitations;
using Outreach.Storage.Invitations;
using Outreach.Storage.Tests.Support;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Tests.Invitations;

/// <summary>The table ledger against the shared ledger contract (tests/Contracts), on Azurite.</summary>
public sealed class TableInvitationLedgerContractTests(AzuriteFixture azurite) : InvitationLedgerContract, IClassFixture<AzuriteFixture>
{
    protected override IInvitationLedger CreateLedger() => new TableInvitationLedger(azurite.Tables, azurite.Table(StorageNames.InvitationTable));
}
