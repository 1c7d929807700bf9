using Azure;
using Azure.Data.Tables;
using Outreach.Core.Invitations;
using Outreach.Core.State;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Invitations;

/// <summary>
/// The invitation ledger in table <see cref="StorageNames.InvitationTable"/>: PartitionKey = the mailbox's
/// key, RowKey = the contact address's key (both normalized and escaped, see TableKeys), one row per contact
/// holding its latest invitation. Properties: Mailbox and Contact (normalized), Status and Mode (wire names,
/// e.g. "no-response", "in-person"), TransactionId, ReservedAt, and when set SentAt, Start, End, EventId,
/// JoinUrl, IdempotencyKey, RespondedAt. The row's ETag is the entry's.
/// </summary>
public sealed class TableInvitationLedger : TableStore, IInvitationLedger
{

    public TableInvitationLedger(TableServiceClient service, string tableName = StorageNames.InvitationTable)
        : base(service, tableName)
    {
    }

    public async Task<InvitationLedgerEntry?> GetAsync(string mailbox, string contact, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        ArgumentException.ThrowIfNullOrWhiteSpace(contact);
        await EnsureTableAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.ForAddress(mailbox), TableKeys.ForAddress(contact), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    public async Task<IReadOnlyList<InvitationLedgerEntry>> ListAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        await EnsureTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForAddress(mailbox)}");
        var entries = new List<InvitationLedgerEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(FromEntity(entity));
        }

        // Rows come in RowKey (escaped) order; the ledger's order is the contacts' own.
        entries.Sort((a, b) => string.CompareOrdinal(a.Contact, b.Contact));
        return entries;
    }

    /// <summary>
    /// AddEntity; on 409 (the contact has a row) GetEntity, judge that row by the policy, and UpdateEntity
    /// (replace) with If-Match on exactly the ETag it was judged by. 412 (changed since) or 404 (erased
    /// since) means another writer came in between: read and judge again. A concurrent reservation that
    /// won is pending on the next read, so the loop ends refused; it only goes round again for follow-up
    /// updates or an erasure racing it, hence the small bound.
    /// </summary>
    public async Task<InvitationReservation> ReserveAsync(InvitationLedgerEntry entry, ReservationPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var normalized = InvitationEntries.Normalize(entry);
        await EnsureTableAsync(cancellationToken);
        var row = ToEntity(normalized);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var added = await Table.AddEntityAsync(row, cancellationToken);
                return await TakenAsync(normalized, added, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // The contact has a row: judge it below.
            }

            var read = await Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (read.HasValue && read.Value is { } current)
            {
                var judged = FromEntity(current);
                if (policy.Blocking(judged) is { } conflict) return InvitationReservation.Refused(judged, conflict);
                try
                {
                    var replaced = await Table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken);
                    return await TakenAsync(normalized, replaced, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status is 412 or 404)
                {
                    // Changed or erased since it was judged: judge the row as it is now.
                }
            }

            if (attempt >= MaxReserveAttempts) throw new StateConflictException(normalized.Mailbox);
        }
    }

    private const int MaxReserveAttempts = 10;

    private async Task<InvitationReservation> TakenAsync(InvitationLedgerEntry stored, Response response, CancellationToken cancellationToken) =>
        InvitationReservation.Taken(response.Headers.ETag is { } etag
            ? stored with { ETag = etag.ToString() }
            : await GetAsync(stored.Mailbox, stored.Contact, cancellationToken) ?? stored);

    /// <summary>UpdateEntity (replace) with If-Match; 412 (changed since read) or 404 (erased since) throw <see cref="StateConflictException"/>.</summary>
    public async Task<InvitationLedgerEntry> UpdateAsync(InvitationLedgerEntry entry, CancellationToken cancellationToken)
    {
        var normalized = InvitationEntries.Normalize(entry);
        var expected = InvitationEntries.RequireETag(entry);
        await EnsureTableAsync(cancellationToken);
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(normalized), new ETag(expected), TableUpdateMode.Replace, cancellationToken);
            return normalized with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            throw new StateConflictException(normalized.Mailbox);
        }
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        return await DeletePartitionAsync(TableKeys.ForAddress(mailbox), cancellationToken);
    }

    /// <summary>The row of an entry whose mailbox and contact are normalized already.</summary>
    internal static TableEntity ToEntity(InvitationLedgerEntry entry)
    {
        var entity = new TableEntity(TableKeys.ForAddress(entry.Mailbox), TableKeys.ForAddress(entry.Contact))
        {
            ["Mailbox"] = entry.Mailbox,
            ["Contact"] = entry.Contact,
            ["Status"] = InvitationWireNames.Of(entry.Status),
            ["Mode"] = InvitationWireNames.Of(entry.Mode),
            ["TransactionId"] = entry.TransactionId,
            ["ReservedAt"] = entry.ReservedAt,
        };

        // Tables have no null: an absent property is the null.
        if (entry.SentAt is { } sentAt) entity["SentAt"] = sentAt;
        if (entry.Start is { } start) entity["Start"] = start;
        if (entry.End is { } end) entity["End"] = end;
        if (entry.EventId is { } eventId) entity["EventId"] = eventId;
        if (entry.JoinUrl is { } joinUrl) entity["JoinUrl"] = joinUrl;
        if (entry.IdempotencyKey is { } idempotencyKey) entity["IdempotencyKey"] = idempotencyKey;
        if (entry.RespondedAt is { } respondedAt) entity["RespondedAt"] = respondedAt;
        return entity;
    }

    internal static InvitationLedgerEntry FromEntity(TableEntity entity) => new()
    {
        Mailbox = entity.GetString("Mailbox") ?? entity.PartitionKey,
        Contact = entity.GetString("Contact") ?? entity.RowKey,
        Status = InvitationWireNames.ParseStatus(entity.GetString("Status")),
        Mode = InvitationWireNames.ParseMode(entity.GetString("Mode")),
        TransactionId = entity.GetString("TransactionId") ?? string.Empty,
        ReservedAt = entity.GetDateTimeOffset("ReservedAt") ?? default,
        SentAt = entity.GetDateTimeOffset("SentAt"),
        Start = entity.GetDateTimeOffset("Start"),
        End = entity.GetDateTimeOffset("End"),
        EventId = entity.GetString("EventId"),
        JoinUrl = entity.GetString("JoinUrl"),
        IdempotencyKey = entity.GetString("IdempotencyKey"),
        RespondedAt = entity.GetDateTimeOffset("RespondedAt"),
        ETag = entity.ETag.ToString(),
    };
}
