using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.Contacts;
using Outreach.Core.Digest;
using Outreach.Core.State;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Digest;

/// <summary>
/// The weekly digests in table <see cref="StorageNames.DigestTable"/>, one partition per mailbox:
/// RowKey "week-2026-W10" per digest (State, ReservedAt, SentAt, ExpiresAt, Contacts as JSON), "optout"
/// when the owner opted out, and "snooze-{contact key}" (Contact, Until) per "not now". Reserving a week is
/// an AddEntity, which fails with 409 when the row exists: the at-most-once guarantee.
/// </summary>
public sealed class TableDigestStore : TableStore, IDigestStore
{
    private const string WeekPrefix = "week-";
    private const string SnoozePrefix = "snooze-";
    private const string OptOutRow = "optout";

    private readonly TimeProvider _time;

    public TableDigestStore(TableServiceClient service, string tableName = StorageNames.DigestTable, TimeProvider? time = null)
        : base(service, tableName)
    {
        _time = time ?? TimeProvider.System;
    }

    public async Task<bool> TryReserveAsync(DigestRecord record, CancellationToken cancellationToken)
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

    public async Task<DigestRecord?> GetAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.ForAddress(mailbox), WeekPrefix + week, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    public async Task<DigestRecord?> GetPreviousAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);
        var current = WeekPrefix + week;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {WeekPrefix} and RowKey lt {current}");
        TableEntity? latest = null;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // Rows come in RowKey order, and zero-padded weeks sort as they follow each other. A failed
            // week never reached the owner, so what it listed is still new.
            if (entity.GetString("State") == nameof(DigestState.Failed)) continue;
            latest = entity;
        }

        return latest is null ? null : FromEntity(latest);
    }

    public async Task<DigestRecord> UpdateAsync(DigestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.ETag)) throw new ArgumentException("Update a record read from the store (it carries an ETag).", nameof(record));
        await EnsureTableAsync(cancellationToken);
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw new StateConflictException(record.Mailbox);
        }
    }

    public async Task<bool> IsOptedOutAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.ForAddress(mailbox), OptOutRow, select: ["RowKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    public async Task<bool> SetOptedOutAsync(string mailbox, bool optedOut, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);
        try
        {
            if (optedOut)
            {
                await Table.AddEntityAsync(new TableEntity(partition, OptOutRow) { ["At"] = _time.GetUtcNow() }, cancellationToken);
                return true;
            }

            var response = await Table.DeleteEntityAsync(partition, OptOutRow, ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 404)
        {
            return false;
        }
    }

    public async Task SnoozeAsync(string mailbox, string contact, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        ArgumentException.ThrowIfNullOrWhiteSpace(contact);
        await EnsureTableAsync(cancellationToken);
        var normalized = EmailAddresses.Normalize(contact);
        await Table.UpsertEntityAsync(
            new TableEntity(TableKeys.ForAddress(mailbox), TableKeys.Prefixed(SnoozePrefix, normalized)) { ["Contact"] = normalized, ["Until"] = until },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListSnoozedAsync(string mailbox, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);
        // '.' follows '-' in ordinal order: every "snooze-…" row key is below "snooze.".
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {SnoozePrefix} and RowKey lt {"snooze."}");
        var snoozed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["Contact", "Until"], cancellationToken: cancellationToken))
        {
            if (row.GetString("Contact") is { } contact && row.GetDateTimeOffset("Until") is { } until && until > asOf) snoozed[contact] = until;
        }

        return snoozed;
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        return await DeletePartitionAsync(TableKeys.ForAddress(mailbox), cancellationToken);
    }

    private static TableEntity ToEntity(DigestRecord record)
    {
        var entity = new TableEntity(TableKeys.ForAddress(record.Mailbox), WeekPrefix + record.Week)
        {
            ["Mailbox"] = EmailAddresses.Normalize(record.Mailbox),
            ["Week"] = record.Week.ToString(),
            ["State"] = record.State.ToString(),
            ["ReservedAt"] = record.ReservedAt,
            ["ExpiresAt"] = record.ExpiresAt,
            ["Contacts"] = JsonSerializer.Serialize(record.Contacts.ToList(), StorageJsonContext.Default.ListDigestContact),
        };
        if (record.SentAt is { } sentAt) entity["SentAt"] = sentAt;
        if (record.FailureReason is { } reason) entity["FailureReason"] = reason;
        return entity;
    }

    private static DigestRecord FromEntity(TableEntity entity)
    {
        IsoWeek.TryParse(entity.GetString("Week"), out var week);
        return new DigestRecord
        {
            Mailbox = entity.GetString("Mailbox") ?? entity.PartitionKey,
            Week = week,
            State = Enum.TryParse<DigestState>(entity.GetString("State"), out var state) ? state : DigestState.Reserved,
            ReservedAt = entity.GetDateTimeOffset("ReservedAt") ?? default,
            SentAt = entity.GetDateTimeOffset("SentAt"),
            ExpiresAt = entity.GetDateTimeOffset("ExpiresAt") ?? default,
            Contacts = entity.GetString("Contacts") is { } json ? JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListDigestContact) ?? [] : [],
            FailureReason = entity.GetString("FailureReason"),
            ETag = entity.ETag.ToString(),
        };
    }
}
