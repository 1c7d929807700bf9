using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;
using Outreach.Core.Serialization;
using Outreach.Core.State;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Pipeline;

/// <summary>
/// Scan records in table <see cref="StorageNames.ScanTable"/>: PartitionKey = the scan id (escaped as a
/// table key), RowKey = "scan", so every read is a point lookup by id. Properties: ScanId, Mailbox
/// (normalized), State (wire name), Trigger, RequestedAt, AsOf, StartedAt, CompletedAt, FailureReason,
/// Counts (a JSON object string), Contacts, GraphRequests, Pages, Incremental, DurationMs, Incomplete, IncompleteReason.
/// </summary>
public sealed class TableScanRecordStore : TableStore, IScanRecordStore
{
    internal const string RowKey = "scan";


    public TableScanRecordStore(TableServiceClient service, string tableName = StorageNames.ScanTable)
        : base(service, tableName)
    {
    }

    public async Task<bool> TryCreateAsync(ScanRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureTableAsync(cancellationToken);
        try
        {
            await Table.AddEntityAsync(ToEntity(record), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<ScanRecord?> GetAsync(string scanId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(scanId), RowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    public async Task<ScanRecord> UpdateAsync(ScanRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ETag is null)
        {
            throw new ArgumentException("Only a record read from the store (with its ETag) can be updated.", nameof(record));
        }

        await EnsureTableAsync(cancellationToken);
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Changed by another worker since it was read (412), or erased meanwhile (404).
            throw new StateConflictException(record.Mailbox);
        }
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        // Scans are keyed by id, so finding a mailbox's scans is a scan of the whole table filtered on the
        // Mailbox property. Erasure is rare and the table small (records of recent scans), so that is
        // acceptable; a per-mailbox index would cost a second write on every scan instead.
        return await DeleteWhereAsync(TableClient.CreateQueryFilter($"Mailbox eq {EmailAddresses.Normalize(mailbox)}"), cancellationToken);
    }

    internal static TableEntity ToEntity(ScanRecord record)
    {
        var entity = new TableEntity(TableKeys.Escape(record.ScanId), RowKey)
        {
            ["ScanId"] = record.ScanId,
            ["Mailbox"] = EmailAddresses.Normalize(record.Mailbox),
            ["State"] = StateName(record.State),
            ["Trigger"] = record.Trigger,
            ["RequestedAt"] = record.RequestedAt,
            ["Counts"] = JsonSerializer.Serialize(
                record.Counts as Dictionary<string, int> ?? new Dictionary<string, int>(record.Counts, StringComparer.Ordinal),
                StorageJsonContext.Default.DictionaryStringInt32),
            ["Contacts"] = record.Contacts,
            ["GraphRequests"] = record.GraphRequests,
            ["Pages"] = record.Pages,
            ["Incremental"] = record.Incremental,
            ["DurationMs"] = record.DurationMs,
            ["Incomplete"] = record.Incomplete,
        };

        // Tables have no null: an absent property is the null.
        if (record.AsOf is { } asOf) entity["AsOf"] = asOf;
        if (record.StartedAt is { } startedAt) entity["StartedAt"] = startedAt;
        if (record.CompletedAt is { } completedAt) entity["CompletedAt"] = completedAt;
        if (record.FailureReason is { } reason) entity["FailureReason"] = reason;
        if (record.IncompleteReason is { } incomplete) entity["IncompleteReason"] = incomplete;
        return entity;
    }

    internal static ScanRecord FromEntity(TableEntity entity) => new()
    {
        ScanId = entity.GetString("ScanId") ?? entity.PartitionKey,
        Mailbox = entity.GetString("Mailbox") ?? string.Empty,
        State = ParseState(entity.GetString("State")),
        Trigger = entity.GetString("Trigger") ?? string.Empty,
        RequestedAt = entity.GetDateTimeOffset("RequestedAt") ?? default,
        AsOf = entity.GetDateTimeOffset("AsOf"),
        StartedAt = entity.GetDateTimeOffset("StartedAt"),
        CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
        FailureReason = entity.GetString("FailureReason"),
        Counts = entity.GetString("Counts") is { Length: > 0 } counts
            ? JsonSerializer.Deserialize(counts, StorageJsonContext.Default.DictionaryStringInt32) ?? []
            : [],
        Contacts = entity.GetInt32("Contacts") ?? 0,
        GraphRequests = entity.GetInt32("GraphRequests") ?? 0,
        Pages = entity.GetInt32("Pages") ?? 0,
        Incremental = entity.GetBoolean("Incremental") ?? false,
        DurationMs = entity.GetInt64("DurationMs") ?? 0,
        Incomplete = entity.GetBoolean("Incomplete") ?? false,
        IncompleteReason = entity.GetString("IncompleteReason"),
        ETag = entity.ETag.ToString(),
    };

    private static string StateName(ScanState state) => WireNames<ScanState>.Of(state);

    private static ScanState ParseState(string? name) =>
        WireNames<ScanState>.TryParse(name, out var state) ? state : throw new InvalidDataException($"Unknown scan state '{name}' in table storage.");
}
