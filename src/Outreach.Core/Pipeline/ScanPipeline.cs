using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Sources;

namespace Outreach.Core.Pipeline;

/// <summary>
/// The queue-driven scan: start (timer or HTTP) → harvest (one mailbox's change feeds) → evaluate (the
/// policy, results stored). Every stage tolerates the same message twice; a mailbox that cannot be read
/// fails its own scan with the reason and nothing else.
/// </summary>
public sealed class ScanPipeline(
    MailboxScanner scanner,
    IScanRecordStore scans,
    IContactResultStore results,
    IPipelineQueue queue,
    IMailboxDirectory directory,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<ScanPipeline> logger,
    ScanInvitations? invitations = null,
    Digest.WeeklyDigest? digest = null,
    Enrollment.IMailboxEnrollment? enrollment = null)
{
    /// <summary>The weekly run: one queued scan per mailbox in scope; sends in parallel so it takes seconds.</summary>
    public async Task<IReadOnlyList<ScanRecord>> StartWeeklyAsync(CancellationToken cancellationToken)
    {
        // Enrollment: the directory's mailboxes minus the owners who opted out.
        var mailboxes = enrollment is null ? await directory.ResolveAsync(cancellationToken) : await enrollment.ListAsync(cancellationToken);
        return await StartAsync(mailboxes, "timer", cancellationToken);
    }

    /// <summary>Queues one scan per mailbox (normalized, each once) and returns their records.</summary>
    public async Task<IReadOnlyList<ScanRecord>> StartAsync(IEnumerable<string> mailboxes, string trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var records = mailboxes.Select(EmailAddresses.Normalize).Distinct(StringComparer.Ordinal)
            .Select(mailbox => new ScanRecord { ScanId = ScanRecord.NewId(now), Mailbox = mailbox, Trigger = trigger, RequestedAt = now })
            .ToList();

        await Parallel.ForEachAsync(
            records,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.EnqueueParallelism, CancellationToken = cancellationToken },
            async (record, ct) =>
            {
                // The record first: a harvest that starts at once must find its scan.
                await scans.TryCreateAsync(record, ct);
                await queue.EnqueueHarvestAsync(
                    new HarvestMessage(HarvestMessage.CurrentVersion, record.ScanId, record.Mailbox, record.RequestedAt, trigger), ct);
            });

        PipelineLog.ScansQueued(logger, records.Count, trigger);
        return records;
    }

    /// <param name="attempt">The queue's dequeue count of this message (1 on the first delivery).</param>
    /// <param name="maxAttempts">The host's maxDequeueCount: after that, a throttled scan fails instead of retrying.</param>
    public async Task HarvestAsync(HarvestMessage message, long attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var redacted = EmailAddresses.Redact(message.Mailbox);
        var record = await scans.GetAsync(message.ScanId, cancellationToken) ?? await CreateMissingAsync(message, cancellationToken);
        if (record.State is ScanState.Completed or ScanState.Failed)
        {
            PipelineLog.Duplicate(logger, record.ScanId, record.State.ToString().ToLowerInvariant(), "harvest");
            return;
        }

        var now = time.GetUtcNow();
        var asOf = record.AsOf ?? message.AsOf ?? now;
        record = await scans.UpdateAsync(record with { State = ScanState.Running, StartedAt = record.StartedAt ?? now, AsOf = asOf }, cancellationToken);

        using var meter = SourceRequestMeter.Begin();
        ScanStatistics statistics;
        try
        {
            // Before any Graph call about the mailbox; a group that cannot be listed fails like a mailbox that cannot be read.
            if (await RefusedAsync(record, "harvest", cancellationToken)) return;
            statistics = await scanner.HarvestAsync(new ScanRequest(record.Mailbox, asOf), null, cancellationToken);
        }
        catch (MailboxAccessException error) when (error.Failure == MailboxAccessFailure.Throttled && attempt < maxAttempts)
        {
            PipelineLog.ThrottledWillRetry(logger, record.ScanId, redacted, attempt);
            await scans.UpdateAsync(record with { GraphRequests = record.GraphRequests + meter.Requests }, CancellationToken.None);
            throw;
        }
        catch (MailboxAccessException error)
        {
            PipelineLog.Failed(logger, record.ScanId, redacted, error.Failure.ToString(), error.Message);
            await scans.UpdateAsync(record with
            {
                State = ScanState.Failed,
                FailureReason = error.Message,
                CompletedAt = time.GetUtcNow(),
                GraphRequests = record.GraphRequests + meter.Requests,
                DurationMs = Elapsed(record),
            }, CancellationToken.None);
            return;
        }

        catch (Exception error) when (attempt >= maxAttempts && error is not OperationCanceledException)
        {
            // The host is about to move this message to the poison queue: the scan must not stay "running".
            var reason = $"The harvest failed on its last attempt ({attempt}) with {error.GetType().Name}; the message was moved to {QueueNames.PoisonOf(QueueNames.Harvest)}.";
            PipelineLog.Failed(logger, record.ScanId, redacted, "Crashed", reason);
            await scans.UpdateAsync(record with
            {
                State = ScanState.Failed,
                FailureReason = reason,
                CompletedAt = time.GetUtcNow(),
                GraphRequests = record.GraphRequests + meter.Requests,
                DurationMs = Elapsed(record),
            }, CancellationToken.None);
            throw;
        }

        record = await scans.UpdateAsync(record with
        {
            Pages = record.Pages + statistics.Pages,
            GraphRequests = record.GraphRequests + meter.Requests,
            Incremental = statistics.Incremental,
        }, cancellationToken);
        PipelineLog.Harvested(logger, record.ScanId, redacted, statistics.Pages, meter.Requests, statistics.Incremental ? "incremental" : "full");
        await queue.EnqueueEvaluateAsync(new EvaluateMessage(EvaluateMessage.CurrentVersion, record.ScanId, record.Mailbox, asOf), cancellationToken);
    }

    public async Task EvaluateAsync(EvaluateMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var record = await scans.GetAsync(message.ScanId, cancellationToken);
        if (record is null)
        {
            PipelineLog.UnknownScan(logger, message.ScanId);
            return;
        }

        if (record.State is ScanState.Completed or ScanState.Failed)
        {
            PipelineLog.Duplicate(logger, record.ScanId, record.State.ToString().ToLowerInvariant(), "evaluate");
            return;
        }

        if (await RefusedAsync(record, "evaluate", cancellationToken)) return;

        var request = new ScanRequest(record.Mailbox, message.AsOf)
        {
            DoNotContact = invitations is null ? [] : await invitations.SuppressedAsync(record.Mailbox, cancellationToken),
        };
        var result = await scanner.EvaluateAsync(
            request,
            invitations is null ? null : (state, ct) => invitations.FollowUpAsync(state, message.AsOf, ct),
            cancellationToken);
        await results.ReplaceAsync(record.Mailbox, record.ScanId, result.Contacts, cancellationToken);
        if (invitations is not null) await invitations.AutoInviteAsync(record, result, cancellationToken);

        // The weekly run (not an on-demand scan) ends with the owner's digest; its own ledger makes a
        // re-delivered evaluate message send nothing more, and a Graph refusal is recorded, not retried.
        if (digest is not null && record.Trigger == "timer") await digest.SendAsync(record.Mailbox, message.AsOf, cancellationToken);

        var counts = result.Contacts.GroupBy(c => c.Status).ToDictionary(g => g.Key.ToWireName(), g => g.Count());
        record = await scans.UpdateAsync(record with
        {
            State = ScanState.Completed,
            CompletedAt = time.GetUtcNow(),
            Counts = counts,
            Contacts = result.Contacts.Count,
            DurationMs = Elapsed(record),
        }, cancellationToken);
        PipelineLog.Completed(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox),
            counts.GetValueOrDefault(ContactStatus.Flagged.ToWireName()), record.Contacts, record.DurationMs);
    }

    /// <summary>Moves an unreadable message to its poison queue now, with the reason logged.</summary>
    public async Task RejectAsync(string queueName, string rawMessage, string reason, CancellationToken cancellationToken)
    {
        var poison = QueueNames.PoisonOf(queueName);
        PipelineLog.Poisoned(logger, poison, reason);
        await queue.SendToPoisonAsync(queueName, rawMessage, reason, cancellationToken);
    }

    /// <summary>A harvest message whose record is missing (deleted, or written by another deployment): recreate it.</summary>
    private async Task<ScanRecord> CreateMissingAsync(HarvestMessage message, CancellationToken cancellationToken)
    {
        await scans.TryCreateAsync(
            new ScanRecord { ScanId = message.ScanId, Mailbox = EmailAddresses.Normalize(message.Mailbox), Trigger = message.Trigger, RequestedAt = message.RequestedAt },
            cancellationToken);
        return (await scans.GetAsync(message.ScanId, cancellationToken))!;
    }

    /// <summary>
    /// A mailbox that is not (or no longer) enrolled fails its scan with the reason, stores nothing and is not
    /// retried: the message is done. True when refused.
    /// </summary>
    private async Task<bool> RefusedAsync(ScanRecord record, string stage, CancellationToken cancellationToken)
    {
        if (enrollment is null) return false;
        var decision = await enrollment.CheckAsync(record.Mailbox, cancellationToken);
        if (decision.IsEnrolled) return false;
        PipelineLog.Failed(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox), "NotEnrolled", $"{decision.Status} at {stage}");
        await scans.UpdateAsync(record with
        {
            State = ScanState.Failed,
            FailureReason = decision.Reason,
            CompletedAt = time.GetUtcNow(),
            DurationMs = Elapsed(record),
        }, CancellationToken.None);
        return true;
    }

    private long Elapsed(ScanRecord record) =>
        record.StartedAt is { } started ? (long)(time.GetUtcNow() - started).TotalMilliseconds : 0;
}
