using Azure;
using Azure.Data.Tables;
using Outreach.Core.Imports;
using Outreach.Core.Serialization;
using Outreach.Core.Touchpoints;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Imports;

/// <summary>
/// Imported touchpoints in table <see cref="StorageNames.ImportTable"/>: PartitionKey = the mailbox's key, one row
/// per contact, RowKey = the contact key escaped (an address, or a profile URL for LinkedIn-only people).
/// Properties: Key, Email, ProfileUrl, DisplayName, ConnectedOn, and per channel its messages packed as 24-byte
/// touchpoints in binary properties "M_{channel}_{n}" of at most 64 KiB each (a property's limit), 2,730 messages
/// apiece: tens of thousands of imported messages are a few rows' worth of bytes, not one entity per message.
/// <para>
/// A merge reads the partition once, merges each contact in memory (<see cref="ImportMerging"/>) and writes only the
/// rows that changed, each by a conditional write: insert-if-absent for a new contact, If-Match on the ETag read for
/// a known one. Changed rows go 100 to a transaction; a transaction that loses a race (409/412) is redone row by
/// row, each row re-read and merged again until its write wins, so two importers at once never lose or double-count
/// a message.
/// </para>
/// </summary>
public sealed class TableImportStore : TableStore, IImportStore
{
    private const string MessagePrefix = "M_";

    /// <summary>Table Storage's limit for one binary property.</summary>
    private const int MaxPropertyBytes = 64 * 1024;

    /// <summary>
    /// The packed bytes one row keeps, well inside the 1 MiB entity limit with the other properties. 37,000
    /// messages with one person; beyond that the oldest are dropped (they are far outside any look-back window).
    /// </summary>
    private const int MaxPackedBytesPerRow = 14 * (MaxPropertyBytes / TextTouchpoint.PackedSize) * TextTouchpoint.PackedSize;

    /// <summary>Entity group transactions carry at most 4 MiB; rows of up to ~1 MiB are grouped below that.</summary>
    private const int MaxTransactionBytes = 3 * 1024 * 1024;

    private const int MaxAttempts = 20;

    public TableImportStore(TableServiceClient service, string tableName = StorageNames.ImportTable)
        : base(service, tableName)
    {
    }

    public async Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        ArgumentNullException.ThrowIfNull(batch);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);
        var rows = await ReadPartitionAsync(partition, cancellationToken);

        var pending = new List<(ImportedContact Contact, IReadOnlyList<ImportedMessage> Messages, TableEntity Entity, bool IsNew, int Added)>();
        foreach (var (contact, messages) in ImportMerging.ByContact(batch))
        {
            var found = rows.TryGetValue(contact.ContactKey, out var known);
            var (record, added, changed) = ImportMerging.Merge(found ? known.Record : null, batch.Channel, contact, messages);
            if (!changed) continue;
            pending.Add((contact, messages, ToEntity(partition, record, found ? known.ETag : null), !found, added));
        }

        int contactsAdded = 0, messagesAdded = 0;
        foreach (var inGroup in Transactions(pending, p => p.Entity))
        {
            try
            {
                await Table.SubmitTransactionAsync(
                    inGroup.Select(p => p.IsNew
                        ? new TableTransactionAction(TableTransactionActionType.Add, p.Entity)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, p.Entity, p.Entity.ETag)),
                    cancellationToken);
                contactsAdded += inGroup.Count(p => p.IsNew);
                messagesAdded += inGroup.Sum(p => p.Added);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another importer wrote one of these rows since we read them: each row again, on its own.
                foreach (var p in inGroup)
                {
                    var (isNew, added) = await MergeRowAsync(partition, batch.Channel, p.Contact, p.Messages, cancellationToken);
                    if (isNew) contactsAdded++;
                    messagesAdded += added;
                }
            }
        }

        var after = pending.Count == 0 ? rows : await ReadPartitionAsync(partition, cancellationToken);
        return new ImportMergeResult(contactsAdded, messagesAdded, after.Count, after.Values.Sum(r => r.Record.MessageCount));
    }

    public async Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var rows = await ReadPartitionAsync(TableKeys.ForAddress(mailbox), cancellationToken);
        return ImportMerging.ToActivity(rows.Values.Select(r => r.Record));
    }

    public async Task EraseAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);
        var rows = await TableOperations.ListRowKeysAsync(Table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);
        await TableOperations.DeleteRowsAsync(Table, partition, [.. rows.Select(r => r.RowKey)], cancellationToken);
    }

    /// <summary>One contact's row merged until its conditional write wins: (the row was created, messages it added).</summary>
    private async Task<(bool IsNew, int Added)> MergeRowAsync(
        string partition, TextChannel channel, ImportedContact contact, IReadOnlyList<ImportedMessage> messages, CancellationToken cancellationToken)
    {
        var rowKey = TableKeys.Escape(contact.ContactKey);
        for (var attempt = 0; ; attempt++)
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
            var known = response.HasValue ? response.Value : null;
            var (record, added, changed) = ImportMerging.Merge(known is null ? null : FromEntity(known), channel, contact, messages);
            if (!changed) return (false, 0);
            var entity = ToEntity(partition, record, known?.ETag);
            try
            {
                if (known is null) await Table.AddEntityAsync(entity, cancellationToken);
                else await Table.UpdateEntityAsync(entity, known.ETag, TableUpdateMode.Replace, cancellationToken);
                return (known is null, added);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Lost the race for this row: read what the winner wrote and merge into that.
            }
        }
    }

    private async Task<Dictionary<string, (ImportedContactRecord Record, ETag ETag)>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, (ImportedContactRecord, ETag)>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            var record = FromEntity(entity);
            rows[record.Contact.ContactKey] = (record, entity.ETag);
        }

        return rows;
    }

    /// <summary>Groups of at most 100 rows and about 3 MiB, the limits of one entity group transaction.</summary>
    private static IEnumerable<List<T>> Transactions<T>(IEnumerable<T> items, Func<T, TableEntity> entityOf)
    {
        var group = new List<T>();
        var bytes = 0;
        foreach (var item in items)
        {
            var size = entityOf(item).Sum(p => p.Value is byte[] b ? b.Length : 256);
            if (group.Count > 0 && (group.Count == TableOperations.MaxBatchEntities || bytes + size > MaxTransactionBytes))
            {
                yield return group;
                group = [];
                bytes = 0;
            }

            group.Add(item);
            bytes += size;
        }

        if (group.Count > 0) yield return group;
    }

    private static TableEntity ToEntity(string partition, ImportedContactRecord record, ETag? etag)
    {
        var contact = record.Contact;
        var entity = new TableEntity(partition, TableKeys.Escape(contact.ContactKey)) { ["Key"] = contact.ContactKey };
        if (etag is { } tag) entity.ETag = tag;
        if (contact.Email is not null) entity["Email"] = contact.Email;
        if (contact.ProfileUrl is not null) entity["ProfileUrl"] = contact.ProfileUrl;
        if (contact.DisplayName is not null) entity["DisplayName"] = contact.DisplayName;
        if (contact.ConnectedOn is { } connectedOn) entity["ConnectedOn"] = connectedOn;

        var budget = MaxPackedBytesPerRow;
        foreach (var (channel, packed) in record.Messages.OrderBy(m => m.Key))
        {
            var kept = Newest(packed, budget);
            budget -= kept.Length;
            var name = MessagePrefix + WireNames<TextChannel>.Of(channel) + "_";
            var part = 0;
            for (var offset = 0; offset < kept.Length; offset += MaxPropertyBytes - (MaxPropertyBytes % TextTouchpoint.PackedSize), part++)
            {
                var length = Math.Min(MaxPropertyBytes - (MaxPropertyBytes % TextTouchpoint.PackedSize), kept.Length - offset);
                entity[name + part] = kept.AsSpan(offset, length).ToArray();
            }
        }

        return entity;
    }

    /// <summary>All of <paramref name="packed"/> when it fits; else its newest touchpoints, still in key order.</summary>
    private static byte[] Newest(byte[] packed, int budget)
    {
        if (packed.Length <= budget) return packed;
        var keep = Math.Max(0, budget / TextTouchpoint.PackedSize);
        var touchpoints = new List<TextTouchpoint>(packed.Length / TextTouchpoint.PackedSize);
        for (var offset = 0; offset + TextTouchpoint.PackedSize <= packed.Length; offset += TextTouchpoint.PackedSize)
        {
            touchpoints.Add(TextTouchpoint.ReadFrom(packed.AsSpan(offset, TextTouchpoint.PackedSize)));
        }

        var kept = touchpoints.OrderByDescending(t => t.UtcTicks).Take(keep).OrderBy(t => t.MessageKey).ToList();
        var bytes = new byte[kept.Count * TextTouchpoint.PackedSize];
        for (var i = 0; i < kept.Count; i++) kept[i].WriteTo(bytes.AsSpan(i * TextTouchpoint.PackedSize, TextTouchpoint.PackedSize));
        return bytes;
    }

    private static ImportedContactRecord FromEntity(TableEntity entity)
    {
        var contact = new ImportedContact(
            entity.GetString("Key") ?? entity.RowKey,
            entity.GetString("Email"),
            entity.GetString("ProfileUrl"),
            entity.GetString("DisplayName"),
            entity.GetDateTimeOffset("ConnectedOn"));
        var messages = new Dictionary<TextChannel, byte[]>();
        foreach (var group in entity.Keys
                     .Where(k => k.StartsWith(MessagePrefix, StringComparison.Ordinal))
                     .Select(k => (Name: k, Split: k.LastIndexOf('_')))
                     .Where(k => k.Split > MessagePrefix.Length && int.TryParse(k.Name.AsSpan(k.Split + 1), out _))
                     .GroupBy(k => k.Name[MessagePrefix.Length..k.Split], StringComparer.Ordinal))
        {
            // A channel a later version added is left out rather than read as another.
            if (!WireNames<TextChannel>.TryParse(group.Key, out var channel)) continue;
            messages[channel] = [.. group.OrderBy(k => int.Parse(k.Name.AsSpan(k.Split + 1), System.Globalization.CultureInfo.InvariantCulture))
                .SelectMany(k => entity.GetBinary(k.Name) ?? [])];
        }

        return new ImportedContactRecord(contact, messages);
    }
}
