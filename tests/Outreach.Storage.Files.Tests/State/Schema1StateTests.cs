using System.Text.Json;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;
using Outreach.Storage.Files.State;
using Outreach.Tests.Contracts;

namespace Outreach.Storage.Files.Tests.State;

/// <summary>Schema 2 (packed touchpoints) reads what schema 1 stored, answers the same, and writes itself smaller.</summary>
public sealed class Schema1StateTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outreach-schema-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private string StoredSchema1()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, Schema1Fixture.Mailbox + ".json");
        File.WriteAllText(path, Schema1Fixture.StateJson());
        return path;
    }

    [Fact]
    public void The_fixture_is_a_schema_1_state_with_an_object_per_touchpoint()
    {
        using var document = JsonDocument.Parse(Schema1Fixture.StateJson());
        Assert.Equal(1, document.RootElement.GetProperty("schemaVersion").GetInt32());
        var texts = document.RootElement.GetProperty("contacts").EnumerateObject().First().Value.GetProperty("texts");
        Assert.Equal(JsonValueKind.Array, texts.ValueKind);
    }

    [Fact]
    public async Task A_stored_schema_1_state_loads_and_gives_the_answers_schema_1_gave()
    {
        StoredSchema1();

        var loaded = await new FileMailboxStateStore(_directory).LoadAsync(Schema1Fixture.Mailbox, Cancel);

        Assert.NotNull(loaded);
        Assert.Equal(Schema1Fixture.ExpectedAssessments(), Schema1Fixture.Assess(loaded));
    }

    [Fact]
    public async Task A_state_stored_before_incomplete_reasons_existed_loads_with_none()
    {
        StoredSchema1();
        Assert.DoesNotContain("incompleteReasons", Schema1Fixture.StateJson(), StringComparison.Ordinal);

        var loaded = await new FileMailboxStateStore(_directory).LoadAsync(Schema1Fixture.Mailbox, Cancel);

        Assert.NotNull(loaded);
        Assert.Empty(loaded.IncompleteReasons);
    }

    [Fact]
    public void The_same_mail_classified_today_gives_the_answers_schema_1_gave()
    {
        Assert.Equal(Schema1Fixture.ExpectedAssessments(), Schema1Fixture.Assess(Schema1Fixture.Build()));
    }

    [Fact]
    public async Task A_loaded_schema_1_state_is_saved_as_schema_2_smaller_and_still_answers_the_same()
    {
        var path = StoredSchema1();
        var before = new FileInfo(path).Length;
        var store = new FileMailboxStateStore(_directory);
        var loaded = (await store.LoadAsync(Schema1Fixture.Mailbox, Cancel))!;

        await store.SaveAsync(loaded, Cancel);

        using (var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, Cancel)))
        {
            Assert.Equal(MailboxState.CurrentSchemaVersion, document.RootElement.GetProperty("schemaVersion").GetInt32());
            Assert.All(document.RootElement.GetProperty("contacts").EnumerateObject(),
                c => Assert.Equal(JsonValueKind.String, c.Value.GetProperty("texts").ValueKind));
        }

        Assert.True(new FileInfo(path).Length * 2 < before, $"schema 2 file {new FileInfo(path).Length} bytes vs schema 1 {before}");
        var reloaded = (await new FileMailboxStateStore(_directory).LoadAsync(Schema1Fixture.Mailbox, Cancel))!;
        Assert.Equal(Schema1Fixture.ExpectedAssessments(), Schema1Fixture.Assess(reloaded));
        Assert.Equal(loaded.Meetings.Keys, reloaded.Meetings.Keys);
        Assert.Equal(loaded.Cursors, reloaded.Cursors);
    }

    [Fact]
    public async Task A_schema_1_ledger_still_refuses_the_messages_it_counted()
    {
        StoredSchema1();
        var loaded = (await new FileMailboxStateStore(_directory).LoadAsync(Schema1Fixture.Mailbox, Cancel))!;
        var counted = loaded.Contacts.Values.Sum(c => c.Texts.Count);

        // The same mail again (a resumed or repeated harvest): message keys from schema 1 still match.
        foreach (var (folder, page) in Schema1Fixture.Pages()) TouchpointRecorder.ApplyMail(loaded, folder, page);

        Assert.Equal(counted, loaded.Contacts.Values.Sum(c => c.Texts.Count));
        Assert.Equal(Schema1Fixture.ExpectedAssessments(), Schema1Fixture.Assess(loaded));
    }

    [Fact]
    public async Task A_state_of_an_unknown_schema_loads_as_absent()
    {
        var path = StoredSchema1();
        await File.WriteAllTextAsync(path, Schema1Fixture.StateJson().Replace("\"schemaVersion\":1", "\"schemaVersion\":99", StringComparison.Ordinal), Cancel);

        Assert.Null(await new FileMailboxStateStore(_directory).LoadAsync(Schema1Fixture.Mailbox, Cancel));
    }
}
