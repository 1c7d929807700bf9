using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Core.Contacts;
using Outreach.Core.State;
using Outreach.Storage.Internal;

namespace Outreach.Storage.State;

/// <summary>
/// Keeps each mailbox's <see cref="MailboxState"/> in one table partition. A state can be several MB,
/// beyond one entity (1 MiB, 64 KiB a property), so it is stored as a version:
/// <list type="bullet">
/// <item>chunk rows <c>v{version}.{nonce}-{index:D4}</c>: the state serialized with
/// <see cref="MailboxStateJsonContext"/>, Brotli-compressed, cut into binary properties D00, D01, …
/// of at most 64 KiB, <see cref="PropertiesPerChunk"/> per row;</item>
/// <item>the head row <c>head</c>: which version is current (Version, ChunkSet, ChunkCount, SchemaVersion,
/// UpdatedAt, Encoding, Bytes, RawBytes, Sha256).</item>
/// </list>
/// A save writes the new version's chunks (entity group transactions), then commits by replacing the
/// head with If-Match on the ETag the state was loaded with (or adding it, for a state never saved):
/// the head is the one atomic commit point, and its ETag the optimistic-concurrency token. A save that
/// loses the race throws <see cref="StateConflictException"/> and leaves the stored state untouched.
/// The nonce keeps two saves racing from the same version from overwriting each other's chunks.
/// After the commit, chunks no longer named by the head are deleted (best effort): the previous
/// version's, a losing racer's, and those a crashed save left behind.
/// </summary>
public sealed class TableMailboxStateStore : TableStore, IMailboxStateStore
{
    internal const string HeadRowKey = "head";
    internal const string BrotliEncoding = "br";
    internal const string GZipEncoding = "gzip";

    /// <summary>The largest binary property the Table service stores.</summary>
    internal const int MaxPropertyBytes = 64 * 1024;

    /// <summary>
    /// 11 × 64 KiB = 704 KiB of data a row: under the 1 MiB entity limit even counted as Base64 in the request
    /// body (939 KiB), which is how Azurite measures it; the service counts the bytes themselves.
    /// </summary>
    internal const int PropertiesPerChunk = 11;

    /// <summary>
    /// What one transaction may carry: binary goes as Base64 in the JSON body (4/3 of the bytes), and the
    /// whole request must stay under 4 MiB.
    /// </summary>
    internal const int MaxBatchRequestBytes = 3_500_000;

    /// <summary>How long an unreferenced chunk of a newer version may be an in-flight save rather than an orphan.</summary>
    internal static readonly TimeSpan OrphanGracePeriod = TimeSpan.FromHours(1);

    private const int LoadAttempts = 4;

    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public TableMailboxStateStore(
        TableServiceClient service,
        ILogger<TableMailboxStateStore>? logger = null,
        string tableName = StorageNames.StateTable,
        TimeProvider? time = null)
        : base(service, tableName)
    {
        _logger = logger ?? NullLogger<TableMailboxStateStore>.Instance;
        _time = time ?? TimeProvider.System;
    }

    public async Task<MailboxState?> LoadAsync(string mailbox, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var normalized = EmailAddresses.Normalize(mailbox);
        var partition = TableKeys.ForAddress(normalized);
        for (var attempt = 1; ; attempt++)
        {
            var head = await ReadHeadAsync(partition, cancellationToken);
            if (head is null) return null;
            if (!MailboxState.IsReadable(head.SchemaVersion))
            {
                // An unknown layout cannot be trusted: start over with a full sync rather than misread it.
                StorageLog.OutdatedSchema(_logger, EmailAddresses.Redact(normalized), head.SchemaVersion, MailboxState.CurrentSchemaVersion);
                return null;
            }

            var payload = await ReadChunksAsync(partition, head, cancellationToken);
            if (payload is null)
            {
                // A newer save committed and swept this version between our two reads: read the new one.
                var now = await ReadHeadAsync(partition, cancellationToken);
                if (attempt < LoadAttempts && (now is null || now.ETag != head.ETag))
                {
                    StorageLog.LoadRetried(_logger, EmailAddresses.Redact(normalized), now?.Version ?? 0);
                    continue;
                }

                throw new InvalidDataException(
                    $"The stored state of {EmailAddresses.Redact(normalized)} is damaged: version {head.Version} should have " +
                    $"{head.ChunkCount} chunk rows of {head.Bytes} bytes in table {Table.Name}. Delete the mailbox's state to start over.");
            }

            var state = await DecodeAsync(payload, head.Encoding, cancellationToken);
            // Read in the current layout whatever its stored one: the next save writes the current schema.
            state.SchemaVersion = MailboxState.CurrentSchemaVersion;
            state.ETag = head.ETag.ToString();
            return state;
        }
    }

    public async Task SaveAsync(MailboxState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await EnsureTableAsync(cancellationToken);
        var started = _time.GetTimestamp();
        var mailbox = EmailAddresses.Normalize(state.Mailbox);
        var partition = TableKeys.ForAddress(mailbox);

        // Where the stored state stands: a conflict is found before any chunk is written.
        var head = await ReadHeadAsync(partition, cancellationToken);
        ETag? expected;
        if (state.ETag is null)
        {
            // A state never saved may only replace nothing, or a head of a schema Load does not read (treated as absent).
            if (head is not null && MailboxState.IsReadable(head.SchemaVersion)) throw new StateConflictException(mailbox);
            expected = head?.ETag;
        }
        else
        {
            if (head is null || head.ETag.ToString() != state.ETag) throw new StateConflictException(mailbox);
            expected = new ETag(state.ETag);
        }

        var version = (head?.Version ?? 0) + 1;
        var (payload, rawLength) = await CompressAsync(state, cancellationToken);
        var chunkSet = await WriteChunksAsync(partition, version, payload, cancellationToken);

        var newHead = new TableEntity(partition, HeadRowKey)
        {
            ["Mailbox"] = mailbox,
            ["Version"] = version,
            ["ChunkSet"] = chunkSet.Name,
            ["ChunkCount"] = chunkSet.Count,
            ["SchemaVersion"] = state.SchemaVersion,
            ["UpdatedAt"] = _time.GetUtcNow(),
            ["Encoding"] = BrotliEncoding,
            ["Bytes"] = (long)payload.Length,
            ["RawBytes"] = rawLength,
            ["Sha256"] = Convert.ToHexString(SHA256.HashData(payload)),
        };

        Response committed;
        try
        {
            committed = expected is { } match
                ? await Table.UpdateEntityAsync(newHead, match, TableUpdateMode.Replace, cancellationToken)
                : await Table.AddEntityAsync(newHead, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // Another save committed first (412/404 on replace, 409 on add). Ours is garbage now.
            await TryDeleteRowsAsync(partition, mailbox, chunkSet.RowKeys());
            throw new StateConflictException(mailbox);
        }

        state.ETag = committed.Headers.ETag?.ToString()
            ?? (await ReadHeadAsync(partition, cancellationToken))?.ETag.ToString();
        StorageLog.StateSaved(_logger, EmailAddresses.Redact(mailbox), version, payload.Length, rawLength, chunkSet.Count,
            (long)_time.GetElapsedTime(started).TotalMilliseconds);

        await SweepAsync(partition, mailbox, version, chunkSet.Name, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string mailbox, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var partition = TableKeys.ForAddress(mailbox);
        var rows = await TableOperations.ListRowKeysAsync(
            Table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);
        if (rows.Count == 0) return false;

        // The head first: from then on a load finds nothing rather than a head without its chunks.
        await Table.DeleteEntityAsync(partition, HeadRowKey, ETag.All, cancellationToken);
        await TableOperations.DeleteRowsAsync(
            Table, partition, [.. rows.Select(r => r.RowKey).Where(k => k != HeadRowKey)], cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes a version's chunks without committing it: what a save that crashed before its commit
    /// leaves behind. Tests use it to show such leftovers are harmless and swept.
    /// </summary>
    internal async Task<IReadOnlyList<string>> WriteUncommittedAsync(MailboxState state, long version, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var (payload, _) = await CompressAsync(state, cancellationToken);
        var chunkSet = await WriteChunksAsync(TableKeys.ForAddress(state.Mailbox), version, payload, cancellationToken);
        return chunkSet.RowKeys();
    }

    /// <summary>Every row key of the mailbox's partition (for tests and diagnostics).</summary>
    internal async Task<IReadOnlyList<string>> ListRowKeysAsync(string mailbox, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var rows = await TableOperations.ListRowKeysAsync(
            Table, TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForAddress(mailbox)}"), cancellationToken);
        return [.. rows.Select(r => r.RowKey)];
    }

    /// <summary>
    /// Serializes straight into Brotli: only the compressed payload (what the chunks upload) is held in
    /// memory, never the uncompressed JSON. Returns it with the uncompressed length.
    /// </summary>
    internal static async Task<(byte[] Payload, long RawLength)> CompressAsync(MailboxState state, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        long rawLength;
        await using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var counting = new HashingStream(brotli, forWriting: true))
        {
            await JsonSerializer.SerializeAsync(counting, state, MailboxStateJsonContext.Default.MailboxState, cancellationToken);
            rawLength = counting.BytesPassed;
        }

        return (buffer.ToArray(), rawLength);
    }

    private static async Task<MailboxState> DecodeAsync(byte[] payload, string encoding, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(payload, writable: false);
        await using Stream decompressed = encoding switch
        {
            BrotliEncoding => new BrotliStream(input, CompressionMode.Decompress),
            GZipEncoding => new GZipStream(input, CompressionMode.Decompress),
            _ => throw new InvalidDataException($"Stored state has an unknown encoding '{encoding}'."),
        };
        return await JsonSerializer.DeserializeAsync(decompressed, MailboxStateJsonContext.Default.MailboxState, cancellationToken)
            ?? throw new InvalidDataException("Stored state is empty.");
    }

    private async Task<ChunkSet> WriteChunksAsync(string partition, long version, byte[] payload, CancellationToken cancellationToken)
    {
        const int rowBytesMax = MaxPropertyBytes * PropertiesPerChunk;
        var chunkSet = new ChunkSet(
            string.Create(CultureInfo.InvariantCulture, $"{version}.{Guid.NewGuid().ToString("N")[..8]}"),
            Math.Max(1, (payload.Length + rowBytesMax - 1) / rowBytesMax));

        var batch = new List<TableTransactionAction>();
        var batchBytes = 0L;
        for (var index = 0; index < chunkSet.Count; index++)
        {
            var row = new TableEntity(partition, chunkSet.RowKey(index));
            var rowBytes = 1024L;
            var start = index * rowBytesMax;
            for (var property = 0; property < PropertiesPerChunk; property++)
            {
                var offset = start + (property * MaxPropertyBytes);
                if (offset >= payload.Length) break;
                var length = Math.Min(MaxPropertyBytes, payload.Length - offset);
                row[PropertyName(property)] = payload.AsSpan(offset, length).ToArray();
                rowBytes += ((length + 2) / 3 * 4) + 64;
            }

            if (batch.Count > 0 && (batch.Count == TableOperations.MaxBatchEntities || batchBytes + rowBytes > MaxBatchRequestBytes))
            {
                await Table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
                batchBytes = 0;
            }

            // Upsert: a retried save may meet its own rows; the nonce keeps others' rows apart.
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            batchBytes += rowBytes;
        }

        await Table.SubmitTransactionAsync(batch, cancellationToken);
        return chunkSet;
    }

    /// <summary>The version's payload, or null when a chunk is missing or the bytes do not match the head.</summary>
    private async Task<byte[]?> ReadChunksAsync(string partition, Head head, CancellationToken cancellationToken)
    {
        var prefix = $"v{head.ChunkSet}-";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {$"v{head.ChunkSet}."}");
        if (head.Bytes is < 0 or > int.MaxValue) return null;
        var payload = new byte[head.Bytes];
        var written = 0;
        var rows = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // Rows come in RowKey order, which is index order (D4).
            if (row.RowKey != ChunkSet.RowKey(head.ChunkSet, rows)) return null;
            rows++;
            for (var property = 0; property < PropertiesPerChunk; property++)
            {
                if (row.GetBinary(PropertyName(property)) is not { } bytes) break;
                if (written + bytes.Length > payload.Length) return null;
                bytes.CopyTo(payload, written);
                written += bytes.Length;
            }
        }

        if (rows != head.ChunkCount || written != payload.Length) return null;
        if (head.Sha256 is { } expected && !string.Equals(Convert.ToHexString(SHA256.HashData(payload)), expected, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return payload;
    }

    private async Task<Head?> ReadHeadAsync(string partition, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, HeadRowKey, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } row) return null;
        return new Head(
            row.GetInt64("Version") ?? 0,
            row.GetString("ChunkSet") ?? string.Empty,
            row.GetInt32("ChunkCount") ?? 0,
            row.GetInt32("SchemaVersion") ?? 0,
            row.GetString("Encoding") ?? BrotliEncoding,
            row.GetInt64("Bytes") ?? 0,
            row.GetString("Sha256"),
            row.ETag);
    }

    /// <summary>
    /// Deletes chunk rows the head no longer names: of this version or older (the previous version, a racer
    /// that lost, a crashed save), and of any version once <see cref="OrphanGracePeriod"/> has passed. A newer
    /// version's fresh chunks are spared: they may belong to a save in flight that loaded what we just committed.
    /// Best effort: a failure is logged, and the next save sweeps again.
    /// </summary>
    private async Task SweepAsync(string partition, string mailbox, long version, string current, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await TableOperations.ListRowKeysAsync(
                Table, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"v"} and RowKey lt {"w"}"), cancellationToken);
            var cutoff = _time.GetUtcNow() - OrphanGracePeriod;
            var stale = rows
                .Where(r => !r.RowKey.StartsWith($"v{current}-", StringComparison.Ordinal))
                .Where(r => VersionOf(r.RowKey) is not { } v || v <= version || r.Timestamp < cutoff)
                .Select(r => r.RowKey)
                .ToList();
            if (stale.Count == 0) return;
            await TableOperations.DeleteRowsAsync(Table, partition, stale, cancellationToken);
            StorageLog.Swept(_logger, stale.Count, EmailAddresses.Redact(mailbox));
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            // The save itself has committed: a sweep that fails or is cancelled must not report otherwise.
            StorageLog.SweepFailed(_logger, EmailAddresses.Redact(mailbox), e);
        }
    }

    private async Task TryDeleteRowsAsync(string partition, string mailbox, IReadOnlyList<string> rowKeys)
    {
        try
        {
            await TableOperations.DeleteRowsAsync(Table, partition, rowKeys, CancellationToken.None);
        }
        catch (RequestFailedException e)
        {
            StorageLog.SweepFailed(_logger, EmailAddresses.Redact(mailbox), e);
        }
    }

    /// <summary>The version number in a chunk row key "v{version}.{nonce}-{index}".</summary>
    internal static long? VersionOf(string rowKey)
    {
        var dot = rowKey.IndexOf('.', StringComparison.Ordinal);
        return rowKey.StartsWith('v') && dot > 1
            && long.TryParse(rowKey.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }

    private static string PropertyName(int index) => string.Create(CultureInfo.InvariantCulture, $"D{index:D2}");

    private sealed record Head(
        long Version, string ChunkSet, int ChunkCount, int SchemaVersion, string Encoding, long Bytes, string? Sha256, ETag ETag);

    /// <summary>One version's chunk rows: "v{Name}-0000" … ; Name is "{version}.{nonce}".</summary>
    private sealed record ChunkSet(string Name, int Count)
    {
        public string RowKey(int index) => RowKey(Name, index);

        public static string RowKey(string name, int index) => string.Create(CultureInfo.InvariantCulture, $"v{name}-{index:D4}");

        public IReadOnlyList<string> RowKeys() => [.. Enumerable.Range(0, Count).Select(RowKey)];
    }
}
