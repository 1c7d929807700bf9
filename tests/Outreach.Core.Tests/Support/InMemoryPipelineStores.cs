using System.Collections.Concurrent;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Reporting;
using Outreach.Core.State;

namespace Outreach.Core.Tests.Support;

/// <summary>In-memory seams for pipeline logic tests; the Azure implementations are tested on Azurite.</summary>
internal sealed class InMemoryScanRecordStore : IScanRecordStore
{
    public ConcurrentDictionary<string, ScanRecord> Records { get; } = new();

    public Task<bool> TryCreateAsync(ScanRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(Records.TryAdd(record.ScanId, record with { ETag = "1" }));

    public Task<ScanRecord?> GetAsync(string scanId, CancellationToken cancellationToken) =>
        Task.FromResult(Records.GetValueOrDefault(scanId));

    public Task<ScanRecord> UpdateAsync(ScanRecord record, CancellationToken cancellationToken)
    {
        if (!Records.TryGetValue(record.ScanId, out var current)) throw new StateConflictException(record.Mailbox);
        if (current.ETag != record.ETag) throw new StateConflictException(record.Mailbox);
        var updated = record with { ETag = (int.Parse(current.ETag!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Records[record.ScanId] = updated;
        return Task.FromResult(updated);
    }

    public Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken) =>
        Task.FromResult(Records.Values.Where(r => r.Mailbox == mailbox).Count(r => Records.TryRemove(r.ScanId, out _)));
}

internal sealed class InMemoryContactResultStore : IContactResultStore
{
    public ConcurrentDictionary<string, IReadOnlyList<ContactAssessment>> Results { get; } = new();

    public int Writes;

    public Task ReplaceAsync(string mailbox, string scanId, IReadOnlyList<ContactAssessment> contacts, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Writes);
        Results[mailbox] = contacts;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ContactReport>> ListAsync(string mailbox, ContactStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ContactReport>>([.. Results.GetValueOrDefault(mailbox, []).Where(c => status is null || c.Status == status).Select(ContactReport.From)]);

    public Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken) =>
        Task.FromResult(Results.TryRemove(mailbox, out var removed) ? removed.Count : 0);
}

internal sealed class InMemoryPipelineQueue : IPipelineQueue
{
    public ConcurrentQueue<HarvestMessage> Harvests { get; } = new();
    public ConcurrentQueue<EvaluateMessage> Evaluations { get; } = new();
    public ConcurrentQueue<(string Queue, string Raw, string Reason)> Poisoned { get; } = new();

    public Task EnqueueHarvestAsync(HarvestMessage message, CancellationToken cancellationToken)
    {
        Harvests.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task EnqueueEvaluateAsync(EvaluateMessage message, CancellationToken cancellationToken)
    {
        Evaluations.Enqueue(message);
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(object Message, TimeSpan Delay)> Deferred { get; } = new();

    public Task DeferHarvestAsync(HarvestMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        Deferred.Enqueue((message, delay));
        return Task.CompletedTask;
    }

    public Task DeferEvaluateAsync(EvaluateMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        Deferred.Enqueue((message, delay));
        return Task.CompletedTask;
    }

    public Task SendToPoisonAsync(string queueName, string rawMessage, string reason, CancellationToken cancellationToken)
    {
        Poisoned.Enqueue((queueName, rawMessage, reason));
        return Task.CompletedTask;
    }
}
