using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Core.Serialization;
using Outreach.Core.Sources;
using Outreach.Core.Telemetry;

namespace Outreach.Core.Pipeline;

/// <summary>
/// The queue-driven scan: start (timer or HTTP) → harvest (one mailbox's change feeds) → evaluate (the
/// policy, results stored). Every stage tolerates the same message twice; a mailbox that cannot be read
/// fails its own scan with the reason and nothing else.
/// <para>
/// Erasure sticks (<paramref name="erasure"/>): a scan carries the erasure generation it was queued under, and
/// each stage checks it before it writes, at every write the scanner and the invitation service make, and after
/// its last write; a stage that finds its mailbox erased stops, purges whatever it may have written meanwhile
/// (<see cref="MailboxEraser.PurgeAsync"/>), and its message is done. The scan record went with the erasure, so
/// the reason is in the log only (Information, redacted).
/// </para>
/// <para>
/// One writer per mailbox (<paramref name="locks"/>): a harvest or evaluation holds its mailbox's lock while it
/// writes; one that finds the lock held is sent again after <see cref="PipelineOptions.LockedRetryDelay"/>.
/// </para>
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
    ErasureFence? erasure = null,
    MailboxEraser? eraser = null,
    IMailboxLock? locks = null,
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
        // The trace's root when no host activity is current: each harvest message carries it as its parent.
        using var activity = OutreachTelemetry.Source.StartActivity("scan.start", System.Diagnostics.ActivityKind.Producer);
        activity?.SetTag("outreach.scan.trigger", OutreachTelemetry.Word(OutreachTelemetry.TriggerOf(trigger)));
        var now = time.GetUtcNow();
        var records = mailboxes.Select(EmailAddresses.Normalize).Distinct(StringComparer.Ordinal)
            .Select(mailbox => new ScanRecord { ScanId = ScanRecord.NewId(now), Mailbox = mailbox, Trigger = trigger, RequestedAt = now })
            .ToList();

        await Parallel.ForEachAsync(
            records,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.EnqueueParallelism, CancellationToken = cancellationToken },
            async (record, ct) =>
            {
                var generation = erasure is null ? 0 : await erasure.GenerationAsync(record.Mailbox, ct);
                // The record first: a harvest that starts at once must find its scan.
                await scans.TryCreateAsync(record, ct);
                // Erased between reading the generation and writing the record: the erasure may have missed it.
                if (await ErasedSinceAsync(record.ScanId, record.Mailbox, generation, "start", purge: true, ct)) return;
                await queue.EnqueueHarvestAsync(
                    new HarvestMessage(HarvestMessage.CurrentVersion, record.ScanId, record.Mailbox, record.RequestedAt, trigger, Generation: generation,
                        TraceParent: QueueTrace.CurrentTraceParent()), ct);
            });

        activity?.SetTag("outreach.scan.count", records.Count);

        PipelineLog.ScansQueued(logger, records.Count, trigger);
        return records;
    }

    /// <param name="attempt">The queue's dequeue count of this message (1 on the first delivery).</param>
    /// <param name="maxAttempts">The host's maxDequeueCount: after that, a throttled scan fails instead of retrying.</param>
    public async Task HarvestAsync(HarvestMessage message, long attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mailbox = EmailAddresses.Normalize(message.Mailbox);
        var generation = message.Generation ?? 0;
        using var scope = ErasureFence.Enter(mailbox, generation);
        // Before anything is written (not even the missing scan record): a scan queued before an erasure ends here.
        if (await ErasedSinceAsync(message.ScanId, mailbox, generation, "harvest", purge: false, cancellationToken)) return;

        EvaluateMessage? next;
        var lease = await LockAsync(mailbox, message.ScanId, "harvest", cancellationToken);
        if (lease == Busy)
        {
            await queue.DeferHarvestAsync(message, options.Value.LockedRetryDelay, cancellationToken);
            return;
        }

        await using (lease)
        {
            try
            {
                next = await HarvestLockedAsync(message, generation, attempt, maxAttempts, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException && erasure is not null)
            {
                if (await ErasedSinceAsync(message.ScanId, mailbox, generation, "harvest", purge: true, CancellationToken.None)) return;
                throw;
            }

            // After the last write: an erasure that came while the harvest wrote must not be undone by it.
            if (await ErasedSinceAsync(message.ScanId, mailbox, generation, "harvest", purge: true, CancellationToken.None)) return;
        }

        // Queued once the lock is released, so the evaluation does not find its own harvest still holding it.
        if (next is not null) await queue.EnqueueEvaluateAsync(next, cancellationToken);
    }

    private async Task<EvaluateMessage?> HarvestLockedAsync(HarvestMessage message, long generation, long attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        var redacted = EmailAddresses.Redact(message.Mailbox);
        var record = await scans.GetAsync(message.ScanId, cancellationToken) ?? await CreateMissingAsync(message, cancellationToken);
        if (record.State is ScanState.Completed or ScanState.Failed)
        {
            PipelineLog.Duplicate(logger, record.ScanId, WireNames<ScanState>.Of(record.State), "harvest");
            return null;
        }

        var now = time.GetUtcNow();
        var asOf = record.AsOf ?? message.AsOf ?? now;
        record = await scans.UpdateAsync(record with { State = ScanState.Running, StartedAt = record.StartedAt ?? now, AsOf = asOf }, cancellationToken);

        using var meter = SourceRequestMeter.Begin();
        ScanStatistics statistics;
        try
        {
            // Before any Graph call about the mailbox; a group that cannot be listed fails like a mailbox that cannot be read.
            if (await RefusedAsync(record, "harvest", cancellationToken)) return null;
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
            PipelineLog.Failed(logger, record.ScanId, redacted, error.Failure.ToString(), error.StatusCode);
            OutreachTelemetry.ScanEnded(OutreachTelemetry.TriggerOf(record.Trigger), error.Failure);
            await scans.UpdateAsync(record with
            {
                State = ScanState.Failed,
                FailureReason = error.Message,
                CompletedAt = time.GetUtcNow(),
                GraphRequests = record.GraphRequests + meter.Requests,
                DurationMs = Elapsed(record),
            }, CancellationToken.None);
            return null;
        }

        catch (Exception error) when (attempt >= maxAttempts && error is not OperationCanceledException and not MailboxErasedException)
        {
            // The host is about to move this message to the poison queue: the scan must not stay "running".
            var reason = $"The harvest failed on its last attempt ({attempt}) with {error.GetType().Name}; the message was moved to {QueueNames.PoisonOf(QueueNames.Harvest)}.";
            PipelineLog.Failed(logger, record.ScanId, redacted, "Crashed", null);
            OutreachTelemetry.ScanEnded(OutreachTelemetry.TriggerOf(record.Trigger), OutreachTelemetry.ScanFailure.Crashed);
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
            Incomplete = record.Incomplete || statistics.Incomplete,
            IncompleteReason = statistics.Incomplete ? string.Join(" ", statistics.IncompleteReasons!) : record.IncompleteReason,
        }, cancellationToken);
        PipelineLog.Harvested(logger, record.ScanId, redacted, statistics.Pages, meter.Requests, statistics.Incremental ? "incremental" : "full");
        return new EvaluateMessage(EvaluateMessage.CurrentVersion, record.ScanId, record.Mailbox, asOf, Generation: generation,
            TraceParent: QueueTrace.CurrentTraceParent());
    }

    /// <summary>An evaluation delivered once (tests and callers without a queue): its first attempt is its last.</summary>
    public Task EvaluateAsync(EvaluateMessage message, CancellationToken cancellationToken) =>
        EvaluateAsync(message, 1, 1, cancellationToken);

    /// <param name="attempt">The queue's dequeue count of this message (1 on the first delivery).</param>
    /// <param name="maxAttempts">The host's maxDequeueCount: the last attempt that fails marks the scan failed with the reason.</param>
    public async Task EvaluateAsync(EvaluateMessage message, long attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mailbox = EmailAddresses.Normalize(message.Mailbox);
        var generation = message.Generation ?? 0;
        using var scope = ErasureFence.Enter(mailbox, generation);
        if (await ErasedSinceAsync(message.ScanId, mailbox, generation, "evaluate", purge: false, cancellationToken)) return;

        var lease = await LockAsync(mailbox, message.ScanId, "evaluate", cancellationToken);
        if (lease == Busy)
        {
            await queue.DeferEvaluateAsync(message, options.Value.LockedRetryDelay, cancellationToken);
            return;
        }

        await using (lease)
        {
            try
            {
                await EvaluateLockedAsync(message, attempt, maxAttempts, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException && erasure is not null)
            {
                if (await ErasedSinceAsync(message.ScanId, mailbox, generation, "evaluate", purge: true, CancellationToken.None)) return;
                throw;
            }

            await ErasedSinceAsync(message.ScanId, mailbox, generation, "evaluate", purge: true, CancellationToken.None);
        }
    }

    private async Task EvaluateLockedAsync(EvaluateMessage message, long attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        var record = await scans.GetAsync(message.ScanId, cancellationToken);
        if (record is null)
        {
            PipelineLog.UnknownScan(logger, message.ScanId);
            return;
        }

        if (record.State is ScanState.Completed or ScanState.Failed)
        {
            PipelineLog.Duplicate(logger, record.ScanId, WireNames<ScanState>.Of(record.State), "evaluate");
            return;
        }

        if (await RefusedAsync(record, "evaluate", cancellationToken)) return;

        try
        {
            var request = new ScanRequest(record.Mailbox, message.AsOf)
            {
                DoNotContact = invitations is null ? [] : await invitations.SuppressedAsync(record.Mailbox, cancellationToken),
            };
            var result = await scanner.EvaluateAsync(
                request,
                invitations is null ? null : (state, ct) => invitations.FollowUpAsync(state, message.AsOf, ct),
                cancellationToken);
            await ThrowIfErasedAsync(record.Mailbox, cancellationToken);
            await results.ReplaceAsync(record.Mailbox, record.ScanId, result.Contacts, cancellationToken);
            var autoInviteFailure = invitations is null ? null : await invitations.AutoInviteAsync(record, result, cancellationToken);

            // The weekly run (not an on-demand scan) ends with the owner's digest; its own ledger makes a
            // re-delivered evaluate message send nothing more, and a Graph refusal is recorded, not retried.
            if (digest is not null && record.Trigger == "timer")
            {
                await ThrowIfErasedAsync(record.Mailbox, cancellationToken);
                using var digestActivity = OutreachTelemetry.Source.StartActivity("digest.send");
                var sent = await digest.SendAsync(record.Mailbox, message.AsOf, cancellationToken);
                OutreachTelemetry.Digested(sent.Outcome);
            }

            var counts = result.Contacts.GroupBy(c => c.Status).ToDictionary(g => g.Key.ToWireName(), g => g.Count());
            await ThrowIfErasedAsync(record.Mailbox, cancellationToken);
            record = await scans.UpdateAsync(record with
            {
                State = ScanState.Completed,
                CompletedAt = time.GetUtcNow(),
                Counts = counts,
                Contacts = result.Contacts.Count,
                DurationMs = Elapsed(record),
                // A completed scan whose auto mode invited nobody says why (the contacts themselves stand).
                FailureReason = autoInviteFailure,
            }, cancellationToken);
            PipelineLog.Completed(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox),
                counts.GetValueOrDefault(ContactStatus.Flagged.ToWireName()), record.Contacts, record.DurationMs);
            OutreachTelemetry.ScanEnded(OutreachTelemetry.TriggerOf(record.Trigger), null);
        }
        catch (Exception error) when (attempt >= maxAttempts && error is not OperationCanceledException and not MailboxErasedException)
        {
            // The host is about to move this message to the poison queue: the scan must not stay "running"
            // (e.g. auto mode asking for more invitations than one request may carry, failing every attempt).
            var reason = $"The evaluation failed on its last attempt ({attempt}) with {error.GetType().Name}; the message was moved to {QueueNames.PoisonOf(QueueNames.Evaluate)}.";
            PipelineLog.Failed(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox), "Crashed", null);
            var current = await scans.GetAsync(record.ScanId, CancellationToken.None) ?? record;
            if (current.State is not (ScanState.Completed or ScanState.Failed))
            {
                OutreachTelemetry.ScanEnded(OutreachTelemetry.TriggerOf(current.Trigger), OutreachTelemetry.ScanFailure.Crashed);
                await scans.UpdateAsync(current with
                {
                    State = ScanState.Failed,
                    FailureReason = reason,
                    CompletedAt = time.GetUtcNow(),
                    DurationMs = Elapsed(current),
                }, CancellationToken.None);
            }

            throw;
        }
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

    /// <summary>Marks "another run holds the mailbox" apart from "no locks configured" (null).</summary>
    private static readonly IAsyncDisposable Busy = new NoLease();

    /// <summary>The mailbox's lease; null without locks; <see cref="Busy"/> when another run holds it.</summary>
    private async Task<IAsyncDisposable?> LockAsync(string mailbox, string scanId, string stage, CancellationToken cancellationToken)
    {
        if (locks is null) return null;
        var lease = await MailboxLease.TryAcquireAsync(
            locks, mailbox, $"{stage}:{scanId}", options.Value.MailboxLockDuration, time, logger, cancellationToken);
        if (lease is not null) return lease;
        PipelineLog.Locked(logger, scanId, EmailAddresses.Redact(mailbox), stage, options.Value.LockedRetryDelay);
        return Busy;
    }

    private async Task ThrowIfErasedAsync(string mailbox, CancellationToken cancellationToken)
    {
        if (erasure is not null) await erasure.ThrowIfErasedAsync(mailbox, cancellationToken);
    }

    /// <summary>
    /// True when the mailbox was erased after the scan was queued under <paramref name="generation"/>: logged,
    /// and with <paramref name="purge"/> (after this stage may have written) everything of the mailbox deleted again.
    /// </summary>
    private async Task<bool> ErasedSinceAsync(string scanId, string mailbox, long generation, string stage, bool purge, CancellationToken cancellationToken)
    {
        if (erasure is null || await erasure.ErasedSinceAsync(mailbox, generation, cancellationToken) is not { } current) return false;
        PipelineLog.Erased(logger, scanId, EmailAddresses.Redact(mailbox), stage, generation, current);
        if (purge && eraser is not null) await eraser.PurgeAsync(mailbox, CancellationToken.None);
        return true;
    }

    private sealed class NoLease : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
        PipelineLog.Failed(logger, record.ScanId, EmailAddresses.Redact(record.Mailbox), $"NotEnrolled ({decision.Status}, {stage})", null);
        OutreachTelemetry.ScanEnded(OutreachTelemetry.TriggerOf(record.Trigger), OutreachTelemetry.ScanFailure.NotEnrolled);
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
