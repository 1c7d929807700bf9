using Azure;
using Azure.Data.Tables;
using Outreach.Core.Contacts;
using Outreach.Core.Enrollment;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Enrollment;

/// <summary>
/// Enrollment opt-outs in table <see cref="StorageNames.OptOutTable"/>: one partition ("optout"), RowKey = the
/// mailbox's key, properties Mailbox (normalized) and OptedOutAt. A table of its own, so erasing a mailbox
/// (which deletes its partitions in the other tables) leaves the opt-out standing. Opting out is AddEntity
/// (409: already opted out), re-enrolling a delete (404: was not): one conditional write each.
/// </summary>
public sealed class TableEnrollmentOptOutStore : TableStore, IEnrollmentOptOutStore
{
    private const string Partition = "optout";

    private readonly TimeProvider _time;

    public TableEnrollmentOptOutStore(TableServiceClient service, string tableName = StorageNames.OptOutTable, TimeProvider? time = null)
        : base(service, tableName)
    {
        _time = time ?? TimeProvider.System;
    }

    public async Task<bool> IsOptedOutAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.ForAddress(mailbox), ["RowKey"], cancellationToken);
        return row.HasValue;
    }

    public async Task<IReadOnlySet<string>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var mailboxes = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["Mailbox"], cancellationToken: cancellationToken))
        {
            if (row.GetString("Mailbox") is { Length: > 0 } mailbox) mailboxes.Add(EmailAddresses.Normalize(mailbox));
        }

        return mailboxes;
    }

    public async Task<bool> SetOptedOutAsync(string mailbox, bool optedOut, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var key = TableKeys.ForAddress(mailbox);
        try
        {
            if (optedOut)
            {
                await Table.AddEntityAsync(
                    new TableEntity(Partition, key) { ["Mailbox"] = EmailAddresses.Normalize(mailbox), ["OptedOutAt"] = _time.GetUtcNow() },
                    cancellationToken);
                return true;
            }

            // The SDK answers a missing row with its 404 response rather than an exception; either means "was not opted out".
            var response = await Table.DeleteEntityAsync(Partition, key, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when ((optedOut && e.Status == 409) || (!optedOut && e.Status == 404))
        {
            return false;
        }
    }
}
