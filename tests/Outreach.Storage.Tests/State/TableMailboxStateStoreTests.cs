using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Contacts;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;
using Outreach.Storage.Internal;
using Outreach.Storage.State;
using Outreach.Storage.Tests.Support;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Tests.State;

/// <summary>What is particular to the table layout: big states, racing workers, crashed saves.</summary>
public sealed class TableMailboxStateStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _mailbox = $"morgan.{Guid.NewGuid().ToString("N")[..12]}@northwind.com";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string TableName => azurite.Table(StorageNames.StateTable);

    private TableMailboxStateStore Store(TimeProvider? time = null) => new(azurite.Tables, tableName: TableName, time: time);

    private TableClient Table => azurite.Tables.GetTableClient(TableName);

    private string Partition => TableKeys.ForAddress(_mailbox);

    private MailboxState State(int contacts, int touchpoints, string cursor = "c")
    {
        var state = MailboxState.Create(_mailbox);
        state.OwnerAddresses.Add(state.Mailbox);
        state.Cursors["inbox"] = cursor;
        for (var c = 0; c < contacts; c++)
        {
            var ledger = state.Ledger($"person{c}@company{c % 97}.example.com");
            ledger.Rename($"Person {c}", At);
            ledger.NoteSubject($"Proposal {c}: next steps", At);
            for (var t = 0; t < touchpoints; t++)
            {
                ledger.TryAdd(new TextTouchpoint(
                    TextTouchpoint.Key($"AAMkAGI2TG93AAA={c}/{t}"), At.AddMinutes(-(t * 97) - c),
                    t % 2 == 0 ? TextDirection.Received : TextDirection.Sent, TextTouchpoint.Key($"conv-{c}-{t / 6}")));
            }
        }

        return state;
    }

    private static string Json(MailboxState state) => JsonSerializer.Serialize(state, MailboxStateJsonContext.Default.MailboxState);

    private async Task<List<string>> ChunkRowsAsync() =>
        [.. (await Store().ListRowKeysAsync(_mailbox, Cancel)).Where(k => k != TableMailboxStateStore.HeadRowKey)];

    [Fact]
    public async Task A_state_of_several_megabytes_round_trips()
    {
        var store = Store();
        var state = State(contacts: 3_000, touchpoints: 60);
        var raw = JsonSerializer.SerializeToUtf8Bytes(state, MailboxStateJsonContext.Default.MailboxState);
        Assert.True(raw.Length > 4 * 1024 * 1024, $"the test state should exceed 4 MiB uncompressed, is {raw.Length:N0} bytes");

        var save = Stopwatch.StartNew();
        await store.SaveAsync(state, Cancel);
        save.Stop();
        var load = Stopwatch.StartNew();
        var loaded = await store.LoadAsync(_mailbox, Cancel);
        load.Stop();

        Assert.NotNull(loaded);
        Assert.Equal(Json(state), Json(loaded));
        var head = (await Table.GetEntityAsync<TableEntity>(Partition, TableMailboxStateStore.HeadRowKey, cancellationToken: Cancel)).Value;
        var chunks = await ChunkRowsAsync();
        Assert.Equal(head.GetInt32("ChunkCount"), chunks.Count);
        Assert.True(chunks.Count > 1, "a state this big spans several chunk rows");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{raw.Length:N0} bytes of JSON, {head.GetInt64("Bytes"):N0} compressed in {chunks.Count} rows: " +
            $"save {save.ElapsedMilliseconds} ms, load {load.ElapsedMilliseconds} ms");

        // The next version of it replaces the old chunks.
        loaded.Ledger("late@contoso.com").Rename("Late", At);
        await store.SaveAsync(loaded, Cancel);
        Assert.Equal(Json(loaded), Json((await store.LoadAsync(_mailbox, Cancel))!));
        Assert.All(await ChunkRowsAsync(), k => Assert.StartsWith("v2.", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Of_two_racing_saves_from_the_same_version_exactly_one_wins()
    {
        await Store().SaveAsync(State(contacts: 50, touchpoints: 5), Cancel);
        for (var round = 0; round < 5; round++)
        {
            // Two workers, each with its own store, loaded the same version.
            var a = (await Store().LoadAsync(_mailbox, Cancel))!;
            var b = (await Store().LoadAsync(_mailbox, Cancel))!;
            a.Cursors["inbox"] = $"a{round}";
            b.Cursors["inbox"] = $"b{round}";
            b.Ledger($"only.b{round}@contoso.com").Rename("B", At);

            var saves = await Task.WhenAll(TrySave(Store(), a), TrySave(Store(), b));

            Assert.Single(saves, won => won);
            var winner = saves[0] ? a : b;
            var stored = (await Store().LoadAsync(_mailbox, Cancel))!;
            Assert.Equal(Json(winner), Json(stored));
            Assert.Equal(winner.ETag, stored.ETag);
        }

        // Losers' chunks do not pile up: only the current version's remain (after the next save's sweep at the latest).
        var last = (await Store().LoadAsync(_mailbox, Cancel))!;
        await Store().SaveAsync(last, Cancel);
        var current = (await Table.GetEntityAsync<TableEntity>(Partition, TableMailboxStateStore.HeadRowKey, cancellationToken: Cancel)).Value;
        Assert.All(await ChunkRowsAsync(), k => Assert.StartsWith($"v{current.GetString("ChunkSet")}-", k, StringComparison.Ordinal));

        static async Task<bool> TrySave(TableMailboxStateStore store, MailboxState state)
        {
            await Task.Yield();
            try
            {
                await store.SaveAsync(state, Cancel);
                return true;
            }
            catch (StateConflictException)
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task Chunks_of_a_save_that_crashed_before_its_commit_are_ignored_then_swept()
    {
        var store = Store();
        var committed = State(contacts: 20, touchpoints: 3, cursor: "committed");
        await store.SaveAsync(committed, Cancel);
        var loaded = (await store.LoadAsync(_mailbox, Cancel))!;

        // A worker loaded version 1, wrote version 2's chunks, and died before committing the head.
        var crashed = State(contacts: 20, touchpoints: 3, cursor: "crashed");
        var orphans = await store.WriteUncommittedAsync(crashed, version: 2, Cancel);
        Assert.Subset((await ChunkRowsAsync()).ToHashSet(), orphans.ToHashSet());

        var reloaded = (await store.LoadAsync(_mailbox, Cancel))!;
        Assert.Equal("committed", reloaded.Cursors["inbox"]);
        Assert.Equal(loaded.ETag, reloaded.ETag);

        reloaded.Cursors["inbox"] = "next";
        await store.SaveAsync(reloaded, Cancel);

        Assert.Equal("next", (await store.LoadAsync(_mailbox, Cancel))!.Cursors["inbox"]);
        var rows = await ChunkRowsAsync();
        Assert.DoesNotContain(rows, orphans.Contains);
        Assert.All(rows, k => Assert.StartsWith("v2.", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chunks_of_a_first_save_that_crashed_do_not_block_the_next_first_save()
    {
        var store = Store();
        var orphans = await store.WriteUncommittedAsync(State(contacts: 5, touchpoints: 2, cursor: "crashed"), version: 1, Cancel);

        Assert.Null(await store.LoadAsync(_mailbox, Cancel));
        await store.SaveAsync(State(contacts: 5, touchpoints: 2, cursor: "fresh"), Cancel);

        Assert.Equal("fresh", (await store.LoadAsync(_mailbox, Cancel))!.Cursors["inbox"]);
        Assert.DoesNotContain(await ChunkRowsAsync(), orphans.Contains);
    }

    [Fact]
    public async Task Fresh_chunks_of_a_newer_version_are_spared_until_the_grace_period_has_passed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = Store(time);
        var state = State(contacts: 5, touchpoints: 2);
        await store.SaveAsync(state, Cancel);

        // Rows of version 5 may be a save in flight (one that loaded a version we have not seen yet).
        var inFlight = await store.WriteUncommittedAsync(State(contacts: 5, touchpoints: 2, cursor: "other"), version: 5, Cancel);
        await store.SaveAsync(state, Cancel);
        Assert.Subset((await ChunkRowsAsync()).ToHashSet(), inFlight.ToHashSet());

        time.Advance(TableMailboxStateStore.OrphanGracePeriod + TimeSpan.FromMinutes(5));
        await store.SaveAsync(state, Cancel);

        Assert.DoesNotContain(await ChunkRowsAsync(), inFlight.Contains);
        Assert.Equal(Json(state), Json((await store.LoadAsync(_mailbox, Cancel))!));
    }

    [Fact]
    public async Task A_missing_chunk_is_reported_as_damage_not_as_an_empty_state()
    {
        var store = Store();
        await store.SaveAsync(State(contacts: 5, touchpoints: 2), Cancel);
        var chunk = (await ChunkRowsAsync()).First();
        await Table.DeleteEntityAsync(Partition, chunk, ETag.All, Cancel);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadAsync(_mailbox, Cancel));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_mailbox, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_of_an_older_schema_reads_as_absent_and_a_new_state_replaces_it()
    {
        var store = Store();
        await store.SaveAsync(State(contacts: 5, touchpoints: 2, cursor: "old"), Cancel);
        await Table.UpdateEntityAsync(
            new TableEntity(Partition, TableMailboxStateStore.HeadRowKey) { ["SchemaVersion"] = 0 }, ETag.All, TableUpdateMode.Merge, Cancel);

        Assert.Null(await store.LoadAsync(_mailbox, Cancel));
        await store.SaveAsync(State(contacts: 1, touchpoints: 1, cursor: "new"), Cancel);

        Assert.Equal("new", (await store.LoadAsync(_mailbox, Cancel))!.Cursors["inbox"]);
        Assert.All(await ChunkRowsAsync(), k => Assert.StartsWith("v2.", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_state_stored_by_schema_1_loads_gives_the_same_answers_and_is_saved_as_schema_2()
    {
        // A version as schema 1 wrote it: its JSON (an object per touchpoint), Brotli, in the chunk the head names.
        var store = Store();
        await store.SaveAsync(MailboxState.Create(_mailbox), Cancel);
        var json = Schema1Fixture.StateJson().Replace($"\"mailbox\":\"{Schema1Fixture.Mailbox}\"", $"\"mailbox\":\"{_mailbox}\"", StringComparison.Ordinal);
        var payload = Brotli(System.Text.Encoding.UTF8.GetBytes(json));
        var chunk = Assert.Single(await ChunkRowsAsync());
        await Table.UpdateEntityAsync(new TableEntity(Partition, chunk) { ["D00"] = payload }, ETag.All, TableUpdateMode.Replace, Cancel);
        await Table.UpdateEntityAsync(
            new TableEntity(Partition, TableMailboxStateStore.HeadRowKey)
            {
                ["SchemaVersion"] = 1, ["Bytes"] = (long)payload.Length,
                ["Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(payload)),
            },
            ETag.All, TableUpdateMode.Merge, Cancel);

        var loaded = await store.LoadAsync(_mailbox, Cancel);

        Assert.NotNull(loaded);
        Assert.Equal(Schema1Fixture.ExpectedAssessments(), Schema1Fixture.Assess(loaded));

        await store.SaveAsync(loaded, Cancel);
        var head = (await Table.GetEntityAsync<TableEntity>(Partition, TableMailboxStateStore.HeadRowKey, cancellationToken: Cancel)).Value;
        Assert.Equal(MailboxState.CurrentSchemaVersion, head.GetInt32("SchemaVersion"));
        Assert.True(head.GetInt64("RawBytes") * 2 < json.Length, $"schema 2 {head.GetInt64("RawBytes")} bytes vs schema 1 {json.Length}");
        Assert.Equal(Schema1Fixture.ExpectedAssessments(), Schema1Fixture.Assess((await Store().LoadAsync(_mailbox, Cancel))!));
    }

    [Fact]
    public async Task A_new_state_does_not_overwrite_a_stored_schema_1_state()
    {
        var store = Store();
        await store.SaveAsync(State(contacts: 1, touchpoints: 1), Cancel);
        await Table.UpdateEntityAsync(
            new TableEntity(Partition, TableMailboxStateStore.HeadRowKey) { ["SchemaVersion"] = 1 }, ETag.All, TableUpdateMode.Merge, Cancel);

        // Schema 1 is read now, so a worker that never loaded it would lose its ledgers by replacing it.
        await Assert.ThrowsAsync<StateConflictException>(() => store.SaveAsync(MailboxState.Create(_mailbox), Cancel));
    }

    private static byte[] Brotli(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(raw);
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task The_partition_is_the_escaped_normalized_mailbox_and_the_head_describes_the_version()
    {
        var mailbox = $"O'Brien+Ops/{Guid.NewGuid().ToString("N")[..6]}#1?@Northwind.com";
        var store = Store();
        await store.SaveAsync(MailboxState.Create(mailbox), Cancel);

        var partition = TableKeys.ForAddress(mailbox);
        Assert.Equal(EmailAddresses.Normalize(mailbox).Replace("'", "!27", StringComparison.Ordinal).Replace("+", "!2B", StringComparison.Ordinal)
            .Replace("/", "!2F", StringComparison.Ordinal).Replace("#", "!23", StringComparison.Ordinal).Replace("?", "!3F", StringComparison.Ordinal), partition);
        var head = (await Table.GetEntityAsync<TableEntity>(partition, TableMailboxStateStore.HeadRowKey, cancellationToken: Cancel)).Value;
        Assert.Equal(1L, head.GetInt64("Version"));
        Assert.Equal(1, head.GetInt32("ChunkCount"));
        Assert.Equal(MailboxState.CurrentSchemaVersion, head.GetInt32("SchemaVersion"));
        Assert.Equal("br", head.GetString("Encoding"));
        Assert.NotNull(head.GetDateTimeOffset("UpdatedAt"));
        Assert.Equal(EmailAddresses.Normalize(mailbox), head.GetString("Mailbox"));
        Assert.NotNull(await store.LoadAsync(mailbox.ToUpperInvariant(), Cancel));
        Assert.True(await store.DeleteAsync(mailbox, Cancel));
    }

    [Theory]
    [InlineData("v12.ab12cd34-0003", 12L)]
    [InlineData("v1.00000000-0000", 1L)]
    [InlineData("head", null)]
    [InlineData("v.x-0000", null)]
    [InlineData("vx.ab-0000", null)]
    public void Versions_are_read_from_chunk_row_keys(string rowKey, long? version) =>
        Assert.Equal(version, TableMailboxStateStore.VersionOf(rowKey));
}
