using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Invitations;
using Outreach.Storage.Invitations;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Invitations;

/// <summary>The table layouts of the ledger and the do-not-contact list, and their registration.</summary>
public sealed class TableInvitationStoresTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 9, 30, 15, 123, TimeSpan.Zero);

    private readonly string _mailbox = $"riley.{Guid.NewGuid().ToString("N")[..10]}@northwind.com";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TableClient Table(string name) => azurite.Tables.GetTableClient(azurite.Table(name));

    [Fact]
    public async Task A_ledger_row_is_keyed_by_mailbox_and_contact_with_wire_names()
    {
        var ledger = new TableInvitationLedger(azurite.Tables, azurite.Table(StorageNames.InvitationTable));
        await ledger.ReserveAsync(new InvitationLedgerEntry
        {
            Mailbox = _mailbox.ToUpperInvariant(),
            Contact = "Dana+Events@Fabrikam.com",
            Status = InvitationStatus.NoResponse,
            Mode = InvitationMode.InPerson,
            TransactionId = "tx-1",
            ReservedAt = At,
            Start = At.AddDays(3),
        }, new ReservationPolicy(At, 30, 180), Cancel);

        var row = (await Table(StorageNames.InvitationTable).GetEntityAsync<TableEntity>(_mailbox, "dana!2Bevents@fabrikam.com", cancellationToken: Cancel)).Value;

        Assert.Equal(_mailbox, row.GetString("Mailbox"));
        Assert.Equal("dana+events@fabrikam.com", row.GetString("Contact"));
        Assert.Equal("no-response", row.GetString("Status"));
        Assert.Equal("in-person", row.GetString("Mode"));
        Assert.Equal("tx-1", row.GetString("TransactionId"));
        Assert.Equal(At, row.GetDateTimeOffset("ReservedAt"));
        Assert.Equal(At.AddDays(3), row.GetDateTimeOffset("Start"));
        Assert.False(row.ContainsKey("SentAt"));
        Assert.False(row.ContainsKey("JoinUrl"));
    }

    [Theory]
    [InlineData(InvitationStatus.Pending)]
    [InlineData(InvitationStatus.Sent)]
    [InlineData(InvitationStatus.Accepted)]
    [InlineData(InvitationStatus.Declined)]
    [InlineData(InvitationStatus.NoResponse)]
    public void Status_names_in_tables_are_the_json_names(InvitationStatus status)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(status).Trim('"');

        Assert.Equal(json, InvitationWireNames.Of(status));
        Assert.Equal(status, InvitationWireNames.ParseStatus(json));
    }

    [Theory]
    [InlineData(InvitationMode.Video)]
    [InlineData(InvitationMode.InPerson)]
    public void Mode_names_in_tables_are_the_json_names(InvitationMode mode)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(mode).Trim('"');

        Assert.Equal(json, InvitationWireNames.Of(mode));
        Assert.Equal(mode, InvitationWireNames.ParseMode(json));
    }

    [Fact]
    public async Task An_unknown_status_in_a_row_is_an_error_not_a_guess()
    {
        var ledger = new TableInvitationLedger(azurite.Tables, azurite.Table(StorageNames.InvitationTable));
        await ledger.ListAsync(_mailbox, Cancel); // creates the table
        await Table(StorageNames.InvitationTable).AddEntityAsync(new TableEntity(_mailbox, "dana@fabrikam.com")
        {
            ["Mailbox"] = _mailbox, ["Contact"] = "dana@fabrikam.com", ["Status"] = "maybe", ["Mode"] = "video",
            ["TransactionId"] = "tx", ["ReservedAt"] = At,
        }, Cancel);

        await Assert.ThrowsAsync<InvalidDataException>(() => ledger.GetAsync(_mailbox, "dana@fabrikam.com", Cancel));
    }

    [Fact]
    public async Task A_suppression_row_is_keyed_by_mailbox_and_entry_with_reason_and_time()
    {
        var list = new TableSuppressionList(azurite.Tables, azurite.Table(StorageNames.SuppressionTable), new FakeTimeProvider(At));
        await list.AddAsync(_mailbox, " @Fabrikam.COM", " the whole company ", Cancel);
        await list.AddAsync(_mailbox, "Erin@Contoso.com", null, Cancel);

        var table = Table(StorageNames.SuppressionTable);
        var domain = (await table.GetEntityAsync<TableEntity>(_mailbox, "@fabrikam.com", cancellationToken: Cancel)).Value;
        var address = (await table.GetEntityAsync<TableEntity>(_mailbox, "erin@contoso.com", cancellationToken: Cancel)).Value;

        Assert.Equal("@fabrikam.com", domain.GetString("Entry"));
        Assert.Equal("the whole company", domain.GetString("Reason"));
        Assert.Equal(At, domain.GetDateTimeOffset("AddedAt"));
        Assert.Equal("erin@contoso.com", address.GetString("Entry"));
        Assert.False(address.ContainsKey("Reason"));
    }

    [Fact]
    public async Task A_second_add_keeps_the_first_reason()
    {
        var list = new TableSuppressionList(azurite.Tables, azurite.Table(StorageNames.SuppressionTable));
        await list.AddAsync(_mailbox, "dana@fabrikam.com", "first", Cancel);
        await list.AddAsync(_mailbox, "dana@fabrikam.com", "second", Cancel);

        var row = (await Table(StorageNames.SuppressionTable).GetEntityAsync<TableEntity>(_mailbox, "dana@fabrikam.com", cancellationToken: Cancel)).Value;
        Assert.Equal("first", row.GetString("Reason"));
    }

    [Fact]
    public void The_ledger_and_the_list_are_registered_as_table_singletons()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddOutreachStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            }).Build())
            .BuildServiceProvider();

        var ledger = Assert.IsType<TableInvitationLedger>(services.GetRequiredService<IInvitationLedger>());
        var list = Assert.IsType<TableSuppressionList>(services.GetRequiredService<ISuppressionList>());
        Assert.Same(ledger, services.GetRequiredService<IInvitationLedger>());
        Assert.Same(list, services.GetRequiredService<ISuppressionList>());
        Assert.Equal("OutreachInvitations", ledger.TableName);
        Assert.Equal("OutreachSuppressions", list.TableName);
    }
}
