using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Outreach.Core.Pipeline;
using Outreach.Storage.Pipeline;
using Outreach.Storage.Tests.Support;

namespace Outreach.Storage.Tests.Pipeline;

public sealed class StorageQueuePipelineQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

    // Queues of this test alone: tests in a class share the fixture's prefix, so each adds its own tag.
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private StorageQueuePipelineQueue Queue() =>
        new(azurite.Queues, harvestQueue: azurite.Queue($"{_tag}-{QueueNames.Harvest}"), evaluateQueue: azurite.Queue($"{_tag}-{QueueNames.Evaluate}"));

    /// <summary>The queue as it is on the wire: no decoding by the SDK, as the Functions host reads it.</summary>
    private QueueClient Raw(string name) =>
        new(azurite.Options.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    private async Task<string> OnlyMessageTextAsync(string queueName)
    {
        var peeked = (await Raw(queueName).PeekMessagesAsync(maxMessages: 32, Cancel)).Value;
        return Assert.Single(peeked).MessageText;
    }

    [Fact]
    public async Task A_harvest_message_is_base64_of_the_json_the_trigger_reads()
    {
        var queue = Queue();
        var message = new HarvestMessage(HarvestMessage.CurrentVersion, "20260601060000-0123456789ab", "avery@northwind.com", At, "timer", At.AddHours(1));

        await queue.EnqueueHarvestAsync(message, Cancel);

        var wire = await OnlyMessageTextAsync(queue.HarvestQueue);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(wire));
        Assert.Equal(JsonSerializer.Serialize(message, PipelineJsonContext.Default.HarvestMessage), json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(1, document.RootElement.GetProperty("v").GetInt32());
        Assert.Equal("20260601060000-0123456789ab", document.RootElement.GetProperty("scanId").GetString());
        Assert.Equal(message, JsonSerializer.Deserialize(json, PipelineJsonContext.Default.HarvestMessage));
    }

    [Fact]
    public async Task An_evaluate_message_goes_to_its_own_queue_and_the_sdk_reads_it_back()
    {
        var queue = Queue();
        var message = new EvaluateMessage(EvaluateMessage.CurrentVersion, "scan-7", "avery@northwind.com", At);

        await queue.EnqueueEvaluateAsync(message, Cancel);
        await queue.EnqueueEvaluateAsync(message with { ScanId = "scan-8" }, Cancel);

        // A client configured as the app configures it (Base64) decodes the text transparently.
        var received = (await azurite.Queues.GetQueueClient(queue.EvaluateQueue).ReceiveMessagesAsync(maxMessages: 10, cancellationToken: Cancel)).Value;
        Assert.Equal(["scan-7", "scan-8"], received
            .Select(m => JsonSerializer.Deserialize(m.Body.ToString(), PipelineJsonContext.Default.EvaluateMessage)!.ScanId)
            .Order(StringComparer.Ordinal));
        Assert.False((await Raw(queue.HarvestQueue).ExistsAsync(Cancel)).Value, "nothing was sent to the harvest queue");
    }

    [Fact]
    public async Task A_poison_message_keeps_the_original_text_unchanged()
    {
        var queue = Queue();
        const string original = "{\"v\":9,\"scanId\":\"x\",\"mailbox\":\"avery@northwind.com\",\"note\":\"ünïcode & <xml> \\\"quotes\\\"\"}";

        await queue.SendToPoisonAsync(queue.HarvestQueue, original, "unsupported message version 9", Cancel);

        var wire = await OnlyMessageTextAsync(QueueNames.PoisonOf(queue.HarvestQueue));
        Assert.Equal(original, Encoding.UTF8.GetString(Convert.FromBase64String(wire)));
    }

    [Fact]
    public async Task Text_that_is_not_json_is_poisoned_as_it_is()
    {
        var queue = Queue();

        await queue.SendToPoisonAsync(queue.EvaluateQueue, "not json at all", "not JSON", Cancel);
        await queue.SendToPoisonAsync(QueueNames.PoisonOf(queue.EvaluateQueue), "again", "poisoned twice", Cancel);

        var peeked = (await Raw(QueueNames.PoisonOf(queue.EvaluateQueue)).PeekMessagesAsync(maxMessages: 32, Cancel)).Value;
        Assert.Equal(["again", "not json at all"], peeked
            .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText)))
            .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Queues_are_created_once_and_survive_many_sends()
    {
        var queue = Queue();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            queue.EnqueueHarvestAsync(new HarvestMessage(1, $"scan-{i}", "avery@northwind.com", At, "http"), Cancel)));

        var properties = await azurite.Queues.GetQueueClient(queue.HarvestQueue).GetPropertiesAsync(Cancel);
        Assert.Equal(20, properties.Value.ApproximateMessagesCount);
    }

    [Fact]
    public void The_app_uses_the_pipeline_queue_names()
    {
        var queue = new StorageQueuePipelineQueue(azurite.Queues);

        Assert.Equal("outreach-harvest", queue.HarvestQueue);
        Assert.Equal("outreach-evaluate", queue.EvaluateQueue);
    }
}
