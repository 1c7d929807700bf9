using System.Text.Json;
using Azure.Data.Tables;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Pipeline;

/// <summary>
/// The latest evaluated contacts in table <see cref="StorageNames.ContactTable"/>: PartitionKey = the
/// mailbox's key, RowKey = the contact address's key (both normalized and escaped, see TableKeys).
/// Properties: Email, DisplayName, Status (wire name, e.g. "below-threshold"), Score, Sent, Received,
/// LastTextAt, LastMetAt, Reasons (a JSON array string), ScanId (the scan that wrote the row) and Rank
/// (1 = first).
/// </summary>
public sealed class TableContactResultStore : TableStore, IContactResultStore
{

    public TableContactResultStore(TableServiceClient service, string tableName = StorageNames.ContactTable)
        : base(service, tableName)
    {
    }

    /// <summary>
    /// Upserts every contact, tagged with <paramref name="scanId"/>, 100 rows per transaction; then deletes the
    /// rows another scan wrote (contacts absent from this result). Replaying it writes the same rows again and
    /// deletes nothing more. A reader in between may briefly see both scans' rows.
    /// </summary>
    public async Task ReplaceAsync(string mailbox, string scanId, IReadOnlyList<ContactAssessment> contacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentException.ThrowIfNullOrWhiteSpace(scanId);
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);

        var rows = new List<TableTransactionAction>(contacts.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contact in contacts)
        {
            // One row per address: should an address appear twice, its better-ranked (first) result wins.
            var rowKey = TableKeys.ForAddress(contact.Email);
            if (!keys.Add(rowKey)) continue;
            rows.Add(new TableTransactionAction(
                TableTransactionActionType.UpsertReplace, ToEntity(partition, rowKey, contact, scanId, rank: rows.Count + 1)));
        }

        foreach (var batch in rows.Chunk(TableOperations.MaxBatchEntities))
        {
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }

        await DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and ScanId ne {scanId}"), cancellationToken);
    }

    public async Task<IReadOnlyList<ContactReport>> ListAsync(string mailbox, ContactStatus? status, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);
        var filter = status is { } wanted
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Status eq {wanted.ToWireName()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var rows = new List<(int Rank, ContactReport Report)>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add((entity.GetInt32("Rank") ?? int.MaxValue, FromEntity(entity)));
        }

        // The table returns rows in RowKey (address) order; the ranking is the result's order.
        return [.. rows.OrderBy(r => r.Rank).ThenBy(r => r.Report.Email, StringComparer.Ordinal).Select(r => r.Report)];
    }

    public async Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken)
    {
        return await DeletePartitionAsync(TableKeys.ForAddress(mailbox), cancellationToken);
    }

    internal static TableEntity ToEntity(string partition, string rowKey, ContactAssessment contact, string scanId, int rank)
    {
        var entity = new TableEntity(partition, rowKey)
        {
            ["Email"] = contact.Email,
            ["Status"] = contact.Status.ToWireName(),
            ["Sent"] = contact.Sent,
            ["Received"] = contact.Received,
            ["Reasons"] = JsonSerializer.Serialize([.. contact.Reasons], StorageJsonContext.Default.ListString),
            ["ScanId"] = scanId,
            ["Rank"] = rank,
        };

        // Tables have no null: an absent property is the null.
        if (contact.DisplayName is { } name) entity["DisplayName"] = name;
        if (contact.Score is { } score) entity["Score"] = score;
        if (contact.LastTextAt is { } lastText) entity["LastTextAt"] = lastText;
        if (contact.LastMetAt is { } lastMet) entity["LastMetAt"] = lastMet;

        // Issue 13: the channel counts, the profile, and whether the key is a profile URL (then the report has no email).
        entity["ChannelEmail"] = contact.Channels.Email;
        entity["ChannelTeamsChat"] = contact.Channels.TeamsChat;
        entity["ChannelLinkedIn"] = contact.Channels.LinkedIn;

        if (contact.LinkedinUrl is { } profile) entity["LinkedinUrl"] = profile;
        if (contact.IsLinkedInOnly) entity["LinkedInOnly"] = true;
        return entity;
    }

    /// <summary>
    /// A row back as a report. Rows written before issue 13 have no channel columns: all their text was email.
    /// </summary>
    internal static ContactReport FromEntity(TableEntity entity) => Report(entity) with
    {
        Channels = entity.GetInt32("ChannelEmail") is { } email
            ? new ChannelCounts(email, entity.GetInt32("ChannelTeamsChat") ?? 0, entity.GetInt32("ChannelLinkedIn") ?? 0)
            : new ChannelCounts((entity.GetInt32("Sent") ?? 0) + (entity.GetInt32("Received") ?? 0), 0, 0),
        LinkedinUrl = entity.GetString("LinkedinUrl"),
    };

    private static ContactReport Report(TableEntity entity) => new(
        entity.GetBoolean("LinkedInOnly") == true ? null : entity.GetString("Email") ?? string.Empty,
        entity.GetString("DisplayName"),
        ContactStatusNames.TryParse(entity.GetString("Status"), out var status)
            ? status
            : throw new InvalidDataException($"Unknown contact status '{entity.GetString("Status")}' in table storage."),
        entity.GetDouble("Score"),
        entity.GetInt32("Sent") ?? 0,
        entity.GetInt32("Received") ?? 0,
        entity.GetDateTimeOffset("LastTextAt"),
        entity.GetDateTimeOffset("LastMetAt"),
        entity.GetString("Reasons") is { Length: > 0 } reasons
            ? JsonSerializer.Deserialize(reasons, StorageJsonContext.Default.ListString) ?? []
            : []);
}
