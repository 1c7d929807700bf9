using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Imports;
using Outreach.Core.Invitations;
using Outreach.Core.Policy;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Scanning;

/// <summary>
/// The main job, the same for the CLI and the Functions app: read a mailbox's three change feeds
/// (Inbox, Sent Items, calendar) side by side, fold each page into the stored state with periodic
/// checkpoints, then apply the warmth policy. A second run continues from the stored cursors.
/// <para>
/// Sources (issue 13, <see cref="SourceOptions"/> or the request's own): the Teams feeds (calls, chats) are read
/// only when enabled, through <paramref name="teams"/>, each with its own cursor; with mail and calendar only,
/// nothing else is asked for. Whatever was imported (<paramref name="imports"/>) counts in every evaluation.
/// </para>
/// </summary>
public sealed class MailboxScanner(
    IMailboxReader reader,
    IMailboxStateStore store,
    IOptions<WarmthPolicyOptions> policy,
    IOptions<ScanOptions> options,
    TimeProvider time,
    ILogger<MailboxScanner> logger,
    Pipeline.IMailboxErasureGuard? erasure = null,
    IOptions<SourceOptions>? sources = null,
    ITeamsReader? teams = null,
    IImportStore? imports = null)
{
    /// <summary>
    /// Graph keeps call records for 30 days ("callRecord resource type",
    /// https://learn.microsoft.com/graph/api/resources/callrecords-callrecord): a first sync reads no further back.
    /// </summary>
    public const int CallRecordRetentionDays = 30;

    // Fields (not captured parameters) because the nested Run reads them.
    private readonly IMailboxReader _reader = reader;
    private readonly IMailboxStateStore _store = store;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly ScanOptions _options = options.Value;
    private readonly Pipeline.IMailboxErasureGuard? _erasure = erasure;
    private readonly ITeamsReader? _teams = teams;

    /// <summary>Harvest and evaluate in one go: the CLI's scan.</summary>
    public async Task<ScanResult> ScanAsync(ScanRequest request, IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (state, harvest) = await HarvestStateAsync(request, progress, cancellationToken);
        return Evaluate(state, request, harvest, await ImportsAsync(state.Mailbox, cancellationToken));
    }

    /// <summary>
    /// The first pipeline stage: read the mailbox's change feeds into its stored state, checkpointing as
    /// it goes. Safe to repeat: a second harvest continues from the stored cursors and counts nothing twice.
    /// </summary>
    public async Task<ScanStatistics> HarvestAsync(ScanRequest request, IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (_, statistics) = await HarvestStateAsync(request, progress, cancellationToken);
        return statistics;
    }

    /// <summary>The second pipeline stage: apply the policy to the stored state as of the request's moment.</summary>
    /// <param name="invitations">
    /// Reads the mailbox's invitations against the harvested state (the follow-up) and returns them, so
    /// recently invited contacts show as "invited". Null: no invitations.
    /// </param>
    public async Task<ScanResult> EvaluateAsync(
        ScanRequest request,
        Func<MailboxState, CancellationToken, Task<InvitationHistory>>? invitations = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await _store.LoadAsync(request.Mailbox, cancellationToken)
            ?? throw new InvalidOperationException("This mailbox has not been harvested yet; nothing to evaluate.");
        var history = invitations is null ? request.Invitations : await invitations(state, cancellationToken);
        var imported = await ImportsAsync(state.Mailbox, cancellationToken);
        return Evaluate(state, request with { Invitations = history }, new ScanStatistics(Incremental: true, 0, 0, 0, 0, TimeSpan.Zero), imported);
    }

    /// <summary>What was imported for the mailbox (issue 13): it counts in every evaluation until erased.</summary>
    private async Task<ImportedContacts> ImportsAsync(string mailbox, CancellationToken cancellationToken) =>
        imports is null ? ImportedContacts.Empty : ImportedContacts.From(await imports.LoadAsync(mailbox, cancellationToken));

    /// <summary>The request's sources, else the configured ones, else mail and calendar.</summary>
    private SourceKinds SourcesOf(ScanRequest request) => request.Sources ?? sources?.Value.Kinds ?? SourceKinds.Default;

    private ScanResult Evaluate(MailboxState state, ScanRequest request, ScanStatistics harvest, ImportedContacts imported)
    {
        var stopwatch = Stopwatch.StartNew();
        var asOf = request.AsOf ?? _time.GetUtcNow();
        var contacts = new WarmthEvaluator(EffectivePolicy(request)).Evaluate(state, asOf, request.Invitations, imported);
        var statistics = harvest with { Duration = harvest.Duration + stopwatch.Elapsed };
        ScanLog.ScanFinished(_logger, EmailAddresses.Redact(state.Mailbox), (long)statistics.Duration.TotalMilliseconds, statistics.Pages,
            statistics.Messages, statistics.Events, contacts.Count(c => c.Status == ContactStatus.Flagged), contacts.Count);
        return new ScanResult(state.Mailbox, asOf, contacts, statistics);
    }

    private async Task<(MailboxState State, ScanStatistics Statistics)> HarvestStateAsync(
        ScanRequest request, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!EmailAddresses.IsValid(request.Mailbox))
        {
            throw new ArgumentException($"'{request.Mailbox}' is not a mailbox address (user principal name).", nameof(request));
        }

        var kinds = SourcesOf(request);
        const SourceKinds teamsKinds = SourceKinds.TeamsCalls | SourceKinds.TeamsChats;
        if ((kinds & teamsKinds) != 0 && _teams is null)
        {
            throw new InvalidOperationException(
                $"{SourceNames.Format(kinds & teamsKinds)} needs a Teams reader, and this host registers none ({SourceOptions.SettingName}).");
        }

        var stopwatch = Stopwatch.StartNew();
        var asOf = request.AsOf ?? _time.GetUtcNow();
        var rules = EffectivePolicy(request);
        var state = await _store.LoadAsync(request.Mailbox, cancellationToken) ?? MailboxState.Create(request.Mailbox);
        var incremental = state.LastCompletedScanAt is not null;
        var redacted = EmailAddresses.Redact(state.Mailbox);
        ScanLog.ScanStarted(_logger, redacted, incremental ? "incremental" : "full", asOf);

        state.OwnerAddresses.Add(state.Mailbox);
        foreach (var alias in request.OwnerAliases.Where(EmailAddresses.IsValid)) state.OwnerAddresses.Add(EmailAddresses.Normalize(alias));
        if (kinds.HasFlag(SourceKinds.Calendar)) EnsureCalendarWindow(state, asOf, rules, redacted);

        var run = new Run(this, state, progress, redacted);
        var mailSince = asOf.AddDays(-rules.TextLookbackDays);
        var syncs = new List<Task>(5);
        if (kinds.HasFlag(SourceKinds.Mail))
        {
            syncs.Add(run.SyncMailAsync(MailFolderKind.Inbox, mailSince, cancellationToken));
            syncs.Add(run.SyncMailAsync(MailFolderKind.SentItems, mailSince, cancellationToken));
        }

        if (kinds.HasFlag(SourceKinds.Calendar)) syncs.Add(run.SyncCalendarAsync(cancellationToken));
        if (kinds.HasFlag(SourceKinds.TeamsCalls)) syncs.Add(run.SyncCallsAsync(asOf.AddDays(-CallRecordRetentionDays), cancellationToken));
        if (kinds.HasFlag(SourceKinds.TeamsChats)) syncs.Add(run.SyncChatsAsync(mailSince, cancellationToken));
        var feeds = Task.WhenAll(syncs);
        try
        {
            await feeds;
        }
        catch (MailboxAccessException) when (feeds.Exception is { } all)
        {
            throw Combined(all);
        }

        foreach (var ledger in state.Contacts.Values) ledger.PruneBefore(mailSince);
        PruneCalls(state, asOf.AddDays(-rules.MeetingLookbackDays));
        var forgetBefore = asOf.AddDays(-Math.Max(_options.RetentionDays, rules.TextLookbackDays));
        foreach (var stale in state.Contacts.Where(c => c.Value.TextCount == 0 && (c.Value.LastTextAt ?? DateTimeOffset.MinValue) < forgetBefore).Select(c => c.Key).ToList())
        {
            state.Contacts.Remove(stale);
        }
        state.LastCompletedScanAt = asOf;
        await SaveAsync(state, cancellationToken);
        return (state, new ScanStatistics(incremental, run.Pages, run.Messages, run.Events, run.Removed, stopwatch.Elapsed, run.Reasons()));
    }

    /// <summary>Calls are kept after Graph forgets them, until they can no longer make anyone "met".</summary>
    private static void PruneCalls(MailboxState state, DateTimeOffset before)
    {
        if (state.Calls is not { } calls) return;
        foreach (var old in calls.Where(c => c.Value.Start < before).Select(c => c.Key).ToList()) calls.Remove(old);
    }

    /// <summary>
    /// Saves (a checkpoint or the end of a harvest). Inside a pipeline stage the save is fenced against an
    /// erasure: not written once the mailbox was erased (a first save, with no ETag, would recreate the state),
    /// and deleted again when the erasure came between the check and the write — the state table and the
    /// generation row are two tables, so no single conditional write covers both.
    /// </summary>
    private async Task SaveAsync(MailboxState state, CancellationToken cancellationToken)
    {
        if (_erasure is null)
        {
            await _store.SaveAsync(state, cancellationToken);
            return;
        }

        await _erasure.ThrowIfErasedAsync(state.Mailbox, cancellationToken);
        await _store.SaveAsync(state, cancellationToken);
        try
        {
            await _erasure.ThrowIfErasedAsync(state.Mailbox, cancellationToken);
        }
        catch (Pipeline.MailboxErasedException)
        {
            await _store.DeleteAsync(state.Mailbox, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Mail and calendar may be refused for different reasons (two missing permissions): say all of them,
    /// once each, instead of whichever feed happened to fail first.
    /// </summary>
    private static Exception Combined(AggregateException all)
    {
        var refusals = all.Flatten().InnerExceptions.OfType<MailboxAccessException>()
            .DistinctBy(e => e.Message, StringComparer.Ordinal).ToList();
        return refusals.Count == 1
            ? refusals[0]
            : new MailboxAccessException(refusals[0].Failure, string.Join(Environment.NewLine, refusals.Select(r => r.Message)), refusals[0].StatusCode, all);
    }

    private WarmthPolicyOptions EffectivePolicy(ScanRequest request) =>
        request.InternalDomains.Count == 0 && request.DoNotContact.Count == 0
            ? policy.Value
            : policy.Value.With(request.InternalDomains, request.DoNotContact);

    /// <summary>
    /// A calendar feed tracks a fixed window. When the look-back or look-ahead of this run leaves it,
    /// a new window (with slack ahead, so this happens about monthly) is synced from scratch.
    /// </summary>
    private void EnsureCalendarWindow(MailboxState state, DateTimeOffset asOf, WarmthPolicyOptions rules, string redacted)
    {
        var neededStart = asOf.AddDays(-rules.MeetingLookbackDays);
        var neededEnd = asOf.AddDays(rules.ScheduledLookaheadDays);
        if (state.CalendarWindow is { } window && window.Start <= neededStart.AddDays(_options.CalendarWindowSlackDays) && window.End >= neededEnd)
        {
            return;
        }

        var start = new DateTimeOffset(neededStart.UtcDateTime.Date, TimeSpan.Zero);
        var end = new DateTimeOffset(neededEnd.UtcDateTime.Date, TimeSpan.Zero).AddDays(_options.CalendarWindowSlackDays + 1);
        state.CalendarWindow = new CalendarWindow(start, end);
        state.Meetings.Clear();
        state.Cursors.Remove(StreamNames.Calendar);
        if (state.LastCompletedScanAt is not null) ScanLog.CalendarWindowMoved(_logger, redacted, start, end);
    }

    /// <summary>One scan's shared progress: pages are applied and checkpoints written one at a time.</summary>
    private sealed class Run(MailboxScanner owner, MailboxState state, IProgress<ScanProgress>? progress, string redacted)
    {
        /// <summary>
        /// A checkpoint rewrites the whole state, which grows with the mailbox: checkpoints come no more often
        /// than this many times their own duration, so saving stays a small share of a scan of any size.
        /// </summary>
        private const int CheckpointCostFactor = 20;

        private readonly SemaphoreSlim _gate = new(1, 1);
        private long _lastCheckpoint = owner._time.GetTimestamp();
        private TimeSpan _lastCheckpointDuration = TimeSpan.Zero;

        public int Pages { get; private set; }
        public int Messages { get; private set; }
        public int Events { get; private set; }
        public int Removed { get; private set; }

        /// <summary>Why some of the window could not be read in this run, in words; empty when everything was.</summary>
        public List<string> IncompleteReasons { get; } = [];

        /// <summary>
        /// This run's reasons, then the gaps earlier runs left that no full read of their stream has closed yet
        /// (<see cref="MailboxState.IncompleteReasons"/>), said to be from an earlier scan.
        /// </summary>
        public List<string> Reasons()
        {
            var all = new List<string>(IncompleteReasons);
            foreach (var (stream, reason) in state.IncompleteReasons.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                if (!all.Contains(reason)) all.Add(reason + CarriedOver);
            }

            return all;
        }

        private const string CarriedOver = " (found by an earlier scan: this stream's later changes are read, but the gap stays until it is read again from scratch)";

        /// <summary>Streams whose current round started with no cursor: the ones a clean finish proves read in full.</summary>
        private readonly HashSet<string> _fromScratch = new(StringComparer.Ordinal);

        /// <summary>Streams that reported a gap in this run.</summary>
        private readonly HashSet<string> _gapped = new(StringComparer.Ordinal);

        public async Task SyncMailAsync(MailFolderKind folder, DateTimeOffset since, CancellationToken ct)
        {
            var stream = StreamNames.For(folder);
            await RetryOnExpiredCursor(stream, async () =>
            {
                var pages = owner._reader.ReadMailAsync(state.Mailbox, folder, Begin(stream), since, ct);
                await foreach (var page in Prefetching.ReadAhead(pages, ct))
                {
                    await ApplyAsync(stream, page.Cursor, page.Items.Count, page.RemovedIds.Count,
                        () => TouchpointRecorder.ApplyMail(state, folder, page), ct, page.IncompleteReason);
                }

                await FinishAsync(stream, ct);
            }, resetState: null);
        }

        public async Task SyncCalendarAsync(CancellationToken ct)
        {
            var window = state.CalendarWindow!;
            await RetryOnExpiredCursor(StreamNames.Calendar, async () =>
            {
                var pages = owner._reader.ReadCalendarAsync(state.Mailbox, window, Begin(StreamNames.Calendar), ct);
                await foreach (var page in Prefetching.ReadAhead(pages, ct))
                {
                    await ApplyAsync(StreamNames.Calendar, page.Cursor, page.Items.Count, page.RemovedIds.Count,
                        () => TouchpointRecorder.ApplyCalendar(state, page), ct, page.IncompleteReason);
                }

                await FinishAsync(StreamNames.Calendar, ct);
            }, resetState: () => state.Meetings.Clear());
        }

        /// <summary>Teams call records (issue 13): from the cursor, or the last 30 days on a first sync.</summary>
        public async Task SyncCallsAsync(DateTimeOffset since, CancellationToken ct)
        {
            await RetryOnExpiredCursor(StreamNames.TeamsCalls, async () =>
            {
                var pages = owner._teams!.ReadCallsAsync(state.Mailbox, Begin(StreamNames.TeamsCalls), since, ct);
                await foreach (var page in Prefetching.ReadAhead(pages, ct))
                {
                    await ApplyAsync(StreamNames.TeamsCalls, page.Cursor, page.Items.Count, page.RemovedIds.Count,
                        () => TeamsRecorder.ApplyCalls(state, page), ct, page.IncompleteReason);
                }

                await FinishAsync(StreamNames.TeamsCalls, ct);
            }, resetState: null); // calls already read are kept: Graph may have forgotten them since
        }

        /// <summary>Teams chat messages (issue 13): from the cursor, or the text look-back on a first sync.</summary>
        public async Task SyncChatsAsync(DateTimeOffset since, CancellationToken ct)
        {
            await RetryOnExpiredCursor(StreamNames.TeamsChats, async () =>
            {
                var pages = owner._teams!.ReadChatsAsync(state.Mailbox, Begin(StreamNames.TeamsChats), since, ct);
                await foreach (var page in Prefetching.ReadAhead(pages, ct))
                {
                    await ApplyAsync(StreamNames.TeamsChats, page.Cursor, page.Items.Count, page.RemovedIds.Count,
                        () => TeamsRecorder.ApplyChats(state, page), ct, page.IncompleteReason);
                }

                await FinishAsync(StreamNames.TeamsChats, ct);
            }, resetState: null); // messages de-duplicate, so reading them again is safe
        }

        private string? Cursor(string stream) => state.Cursors.GetValueOrDefault(stream);

        /// <summary>The cursor a round starts from, noting whether it starts from scratch.</summary>
        private string? Begin(string stream)
        {
            var cursor = Cursor(stream);
            lock (_fromScratch)
            {
                if (cursor is null) _fromScratch.Add(stream);
                else _fromScratch.Remove(stream);
            }

            return cursor;
        }

        /// <summary>
        /// A round read to its end: if it started from scratch and found no gap, the stream's window is whole again
        /// and an earlier run's gap is closed.
        /// </summary>
        private async Task FinishAsync(string stream, CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            try
            {
                bool fromScratch;
                lock (_fromScratch) fromScratch = _fromScratch.Contains(stream);
                if (fromScratch && !_gapped.Contains(stream)) state.IncompleteReasons.Remove(stream);
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task RetryOnExpiredCursor(string stream, Func<Task> sync, Action? resetState)
        {
            try
            {
                await sync();
            }
            catch (Exception error) when (error is SyncCursorExpiredException or RepeatedPageLinkException)
            {
                // Mail touchpoints de-duplicate, so re-reading mail is safe; events removed while the cursor
                // was dead would never be reported, so the calendar starts from an empty slate. A feed that
                // looped on its own page link starts over the same way, once.
                if (error is RepeatedPageLinkException) ScanLog.FeedLooped(owner._logger, stream, redacted);
                else ScanLog.CursorExpired(owner._logger, stream, redacted);
                await _gate.WaitAsync();
                try
                {
                    state.Cursors.Remove(stream);
                    resetState?.Invoke();
                }
                finally
                {
                    _gate.Release();
                }

                try
                {
                    await sync();
                }
                catch (RepeatedPageLinkException again)
                {
                    // Looping again right after starting over: not transient. Say so rather than loop or half-read.
                    throw new MailboxAccessException(MailboxAccessFailure.Failed, again.Message, inner: again);
                }
            }
        }

        private bool CheckpointDue()
        {
            var interval = owner._options.CheckpointInterval;
            if (interval <= TimeSpan.Zero) return true; // configured: after every page
            var paced = _lastCheckpointDuration * CheckpointCostFactor;
            return owner._time.GetElapsedTime(_lastCheckpoint) >= (paced > interval ? paced : interval);
        }

        private async Task ApplyAsync(string stream, string cursor, int items, int removed, Action apply, CancellationToken ct, string? incomplete = null)
        {
            await _gate.WaitAsync(ct);
            try
            {
                apply();
                if (incomplete is not null)
                {
                    // Stored with the cursor it belongs to, so a later incremental run still reports it.
                    _gapped.Add(stream);
                    state.IncompleteReasons[stream] = incomplete;
                    if (!IncompleteReasons.Contains(incomplete))
                    {
                        IncompleteReasons.Add(incomplete);
                        ScanLog.FeedIncomplete(owner._logger, stream, redacted);
                    }
                }

                state.Cursors[stream] = cursor;
                Telemetry.OutreachTelemetry.Read(stream, items);
                Pages++;
                Removed += removed;
                if (stream is StreamNames.Calendar or StreamNames.TeamsCalls) Events += items;
                else Messages += items;
                progress?.Report(new ScanProgress(stream, Pages, Messages + Events));

                if (CheckpointDue())
                {
                    var started = owner._time.GetTimestamp();
                    await owner.SaveAsync(state, ct);
                    _lastCheckpoint = owner._time.GetTimestamp();
                    _lastCheckpointDuration = owner._time.GetElapsedTime(started, _lastCheckpoint);
                    ScanLog.Checkpointed(owner._logger, redacted, Pages);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
