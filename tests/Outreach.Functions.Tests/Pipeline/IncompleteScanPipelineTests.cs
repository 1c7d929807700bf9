using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Functions.Http;
using Outreach.Functions.Tests.Support;

namespace Outreach.Functions.Tests.Pipeline;

/// <summary>
/// Issue 11 through the Functions app: GET /api/scans/{id} of a scan that could not read its whole window says so
/// (<c>incomplete</c>, <c>incompleteReason</c>), and so does every later scan of that mailbox until the gap is read.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class IncompleteScanPipelineTests
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    /// <summary>
    /// 5,000 newsletters in the hour before the newest message: the delta that follows the list starts an hour
    /// before that message and reaches Graph's 5,000-message cap of a filtered delta, so the harvest cannot vouch
    /// for the window.
    /// </summary>
    private static void LoadBurst(PipelineHarness harness, string owner)
    {
        var mailbox = harness.Graph.Mailbox(owner);
        SmallMailbox.Load(mailbox, PipelineHarness.AsOf);
        for (var i = 0; i < 5000; i++)
        {
            var at = PipelineHarness.AsOf.AddSeconds(-i * 0.7).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            JsonObject News() => new() { ["emailAddress"] = new JsonObject { ["address"] = "news@lists.example.com" } };
            mailbox.AddMessage("inbox", new JsonObject
            {
                ["id"] = $"burst-{i}", ["conversationId"] = $"burst-{i}", ["receivedDateTime"] = at, ["sentDateTime"] = at,
                ["isDraft"] = false, ["subject"] = "News", ["from"] = News(), ["sender"] = News(),
                ["toRecipients"] = new JsonArray(new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = owner } }),
                ["ccRecipients"] = new JsonArray(),
                ["internetMessageHeaders"] = new JsonArray(new JsonObject { ["name"] = "List-Unsubscribe", ["value"] = "<mailto:u@lists.example.com>" }),
            });
        }
    }

    private static async Task<JsonElement> ScanOnDemandAsync(PipelineHarness harness, string owner)
    {
        var accepted = await harness.Get<StartScanFunction>().RunAsync(ActionResults.Request($$"""{"mailbox":"{{owner}}"}"""), TestContext.Current.CancellationToken);
        var (status, _, body, _) = await ActionResults.ExecuteAsync(accepted);
        Assert.Equal(202, status);
        var scanId = JsonDocument.Parse(body).RootElement.GetProperty("scans")[0].GetProperty("scanId").GetString()!;
        await harness.PumpAsync(TestContext.Current.CancellationToken);
        return await ActionResults.JsonAsync(await harness.Get<GetScanFunction>().RunAsync(
            ActionResults.Request(method: "GET"), scanId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Get_scan_shows_an_incomplete_harvest_and_keeps_showing_it_on_the_next_scan()
    {
        var owner = Unique("ines");
        // Whole pages and checkpoints every few seconds: this test is about the outcome, not the pacing.
        await using var harness = await PipelineHarness.StartAsync([owner], new Dictionary<string, string?>
        {
            ["Outreach:Graph:PageSize"] = "1000",
            ["Outreach:Scan:CheckpointInterval"] = "00:00:05",
        });
        LoadBurst(harness, owner);

        var first = await ScanOnDemandAsync(harness, owner);
        var second = await ScanOnDemandAsync(harness, owner);

        Assert.Equal("completed", first.GetProperty("state").GetString());
        Assert.True(first.GetProperty("incomplete").GetBoolean());
        Assert.StartsWith("inbox: 5000 or more messages arrived", first.GetProperty("incompleteReason").GetString(), StringComparison.Ordinal);

        Assert.Equal("completed", second.GetProperty("state").GetString());
        Assert.True(second.GetProperty("incremental").GetBoolean());
        Assert.True(second.GetProperty("incomplete").GetBoolean());
        Assert.Contains("found by an earlier scan", second.GetProperty("incompleteReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_scan_of_a_complete_harvest_shows_incomplete_false()
    {
        var owner = Unique("jon");
        await using var harness = await PipelineHarness.StartAsync([owner]);
        SmallMailbox.Load(harness.Graph.Mailbox(owner), PipelineHarness.AsOf);

        var done = await ScanOnDemandAsync(harness, owner);

        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.False(done.GetProperty("incomplete").GetBoolean());
        Assert.True(!done.TryGetProperty("incompleteReason", out var reason) || reason.ValueKind == JsonValueKind.Null);
    }
}
