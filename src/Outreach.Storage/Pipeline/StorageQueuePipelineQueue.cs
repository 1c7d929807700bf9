using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Outreach.Core.Pipeline;
using Outreach.Storage.Internal;

namespace Outreach.Storage.Pipeline;

/// <summary>
/// The pipeline's queues in Azure Storage: <see cref="QueueNames.Harvest"/> and <see cref="QueueNames.Evaluate"/>,
/// each with its "-poison" twin. Payloads are JSON from <see cref="PipelineJsonContext"/>, sent through a
/// <see cref="QueueServiceClient"/> that Base64-encodes messages (<see cref="StorageClientFactory.CreateQueueServiceClient"/>),
/// as the Functions queue trigger reads them. Each queue is created, if missing, once per instance (the app
/// registers one per process), not per message.
/// </summary>
public sealed class StorageQueuePipelineQueue : IPipelineQueue
{
    private readonly QueueServiceClient _service;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, (QueueClient Client, AsyncOnce Created)> _queues = new(StringComparer.Ordinal);

    public StorageQueuePipelineQueue(
        QueueServiceClient service,
        ILogger<StorageQueuePipelineQueue>? logger = null,
        string harvestQueue = QueueNames.Harvest,
        string evaluateQueue = QueueNames.Evaluate)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
        _logger = logger ?? NullLogger<StorageQueuePipelineQueue>.Instance;
        HarvestQueue = harvestQueue;
        EvaluateQueue = evaluateQueue;
    }

    public string HarvestQueue { get; }

    public string EvaluateQueue { get; }

    public Task EnqueueHarvestAsync(HarvestMessage message, CancellationToken cancellationToken) =>
        SendAsync(HarvestQueue, JsonSerializer.Serialize(message, PipelineJsonContext.Default.HarvestMessage), cancellationToken);

    public Task EnqueueEvaluateAsync(EvaluateMessage message, CancellationToken cancellationToken) =>
        SendAsync(EvaluateQueue, JsonSerializer.Serialize(message, PipelineJsonContext.Default.EvaluateMessage), cancellationToken);

    public Task DeferHarvestAsync(HarvestMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(HarvestQueue, JsonSerializer.Serialize(message, PipelineJsonContext.Default.HarvestMessage), cancellationToken, delay);

    public Task DeferEvaluateAsync(EvaluateMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(EvaluateQueue, JsonSerializer.Serialize(message, PipelineJsonContext.Default.EvaluateMessage), cancellationToken, delay);

    /// <summary>
    /// Sends <paramref name="rawMessage"/>, unchanged, to <c>{queueName}-poison</c>: the same text the trigger
    /// received (Base64-encoded on the wire, like every message of ours and the host's own poison messages),
    /// so it can be inspected or moved back as it is. A queue message has no metadata to carry
    /// <paramref name="reason"/> beside the text, and wrapping the text would change it; the caller logs the
    /// reason, and this logs the poison message's id, which ties the two log lines to the message.
    /// </summary>
    public async Task SendToPoisonAsync(string queueName, string rawMessage, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        ArgumentNullException.ThrowIfNull(rawMessage);
        var poison = queueName.EndsWith("-poison", StringComparison.Ordinal) ? queueName : QueueNames.PoisonOf(queueName);
        var receipt = await SendAsync(poison, rawMessage, cancellationToken);
        StorageLog.Poisoned(_logger, poison, receipt);
    }

    /// <summary>The client of a queue this instance sends to, created if missing (tests peek through it).</summary>
    internal async Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken)
    {
        var (client, created) = _queues.GetOrAdd(name, n =>
        {
            var queue = _service.GetQueueClient(n);
            return (queue, new AsyncOnce(ct => queue.CreateIfNotExistsAsync(cancellationToken: ct)));
        });
        await created.RunAsync(cancellationToken);
        return client;
    }

    /// <param name="delay">The message's initial visibility timeout (Put Message's visibilitytimeout, at most 7 days).</param>
    private async Task<string> SendAsync(string queueName, string text, CancellationToken cancellationToken, TimeSpan? delay = null)
    {
        var queue = await QueueAsync(queueName, cancellationToken);
        var response = delay is { } wait && wait > TimeSpan.Zero
            ? await queue.SendMessageAsync(text, visibilityTimeout: wait, cancellationToken: cancellationToken)
            : await queue.SendMessageAsync(text, cancellationToken);
        return response.Value.MessageId;
    }
}
