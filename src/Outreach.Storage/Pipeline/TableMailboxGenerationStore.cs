using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Pipeline;

/// <summary>
/// Erasure generations in table <see cref="StorageNames.ErasureTable"/>: PartitionKey = the SHA-256 (hex) of the
/// normalized address — the row outlives the erasure, so it must not hold the address itself — RowKey =
/// "generation"; properties Generation and ErasedAt. No row: generation 0 (never erased).
/// </summary>
public sealed class TableMailboxGenerationStore : TableStore, IMailboxGenerationStore
{
    internal const string RowKey = "generation";
    private const int AdvanceAttempts = 20;

    private readonly TimeProvider _time;

    public TableMailboxGenerationStore(TableServiceClient service, string tableName = StorageNames.ErasureTable, TimeProvider? time = null)
        : base(service, tableName)
    {
        _time = time ?? TimeProvider.System;
    }

    public async Task<long> GetAsync(string mailbox, CancellationToken cancellationToken) =>
        (await ReadAsync(mailbox, cancellationToken))?.GetInt64("Generation") ?? 0;

    /// <summary>
    /// Insert-if-absent for the first erasure, replace-if-unchanged (If-Match) after: two erasures at once each
    /// move the generation by one, never both to the same number.
    /// </summary>
    public async Task<long> AdvanceAsync(string mailbox, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(mailbox, cancellationToken);
            var next = (current?.GetInt64("Generation") ?? 0) + 1;
            var row = new TableEntity(Key(mailbox), RowKey) { ["Generation"] = next, ["ErasedAt"] = _time.GetUtcNow() };
            try
            {
                if (current is null) await Table.AddEntityAsync(row, cancellationToken);
                else await Table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < AdvanceAttempts)
            {
                // Another erasure moved it first: read again and move on from there.
            }
        }
    }

    private async Task<TableEntity?> ReadAsync(string mailbox, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Key(mailbox), RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The partition of a mailbox in the erasure and lock tables: a hash, never the address.</summary>
    internal static string Key(string mailbox) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddresses.Normalize(mailbox))));
}
