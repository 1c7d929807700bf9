namespace Outreach.Core.Pipeline;

/// <summary>Hands work to the next pipeline stage (Azure Storage Queues in the Functions app).</summary>
public interface IPipelineQueue
{
    Task EnqueueHarvestAsync(HarvestMessage message, CancellationToken cancellationToken);

    Task EnqueueEvaluateAsync(EvaluateMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the message again, invisible for <paramref name="delay"/>: a stage that found its mailbox locked
    /// by another run comes back later as a new delivery, so waiting never counts towards the poison limit.
    /// </summary>
    Task DeferHarvestAsync(HarvestMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <inheritdoc cref="DeferHarvestAsync"/>
    Task DeferEvaluateAsync(EvaluateMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a message that can never be processed to the queue's poison queue at once (rather than
    /// after every retry), keeping the original text and the reason.
    /// </summary>
    Task SendToPoisonAsync(string queueName, string rawMessage, string reason, CancellationToken cancellationToken);
}

/// <summary>Queue names, chosen once: lower case, prefixed, and each with its "-poison" twin.</summary>
public static class QueueNames
{
    public const string Harvest = "outreach-harvest";
    public const string Evaluate = "outreach-evaluate";

    public static string PoisonOf(string queue) => queue + "-poison";
}
