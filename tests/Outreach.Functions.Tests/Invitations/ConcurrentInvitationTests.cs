using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Digest;
using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Scanning;
using Outreach.Functions.Tests.Digest;
using Outreach.Functions.Tests.Support;
using Outreach.Storage.Invitations;

namespace Outreach.Functions.Tests.Invitations;

/// <summary>
/// At most one invitation per contact within the cooldown, whatever the path and the idempotency key: real
/// concurrent callers through the real services (ledger on Azurite, events at the loopback Graph server). A
/// gate in front of the ledger's reservation makes the overlap certain instead of lucky: every caller has
/// read the ledger (and found the contact free) before any of them reserves.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class ConcurrentInvitationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static Action<IServiceCollection> Gated(ReserveGate gate) => services =>
        services.AddSingleton<IInvitationLedger>(provider => gate.Wrap(ActivatorUtilities.CreateInstance<TableInvitationLedger>(provider)));

    private static JsonElement Result(JsonElement body) => body.GetProperty("results")[0];

    private static string? Code(JsonElement result) => result.TryGetProperty("reasonCode", out var code) ? code.GetString() : null;

    [Fact]
    public async Task Concurrent_requests_with_different_keys_or_none_send_one_invitation()
    {
        var gate = ReserveGate.Barrier(3);
        var owner = Unique("avery");
        await using var harness = await PipelineHarness.StartAsync([owner], null, Gated(gate));
        harness.Graph.Mailbox(owner).SetProfile("Avery Quinn");
        var json = $$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video"}""";

        var answers = await Task.WhenAll(
            Task.Run(() => harness.InviteAsync(json, "key-a"), Cancel),
            Task.Run(() => harness.InviteAsync(json, "key-b"), Cancel),
            Task.Run(() => harness.InviteAsync(json), Cancel));

        Assert.Equal(3, gate.Arrived);
        Assert.All(answers, a => Assert.Equal(200, a.Status));
        var results = answers.Select(a => Result(a.Body)).ToList();
        Assert.Single(results, r => r.GetProperty("outcome").GetString() == "created");
        Assert.All(results.Where(r => r.GetProperty("outcome").GetString() != "created"), r =>
        {
            Assert.Equal("skipped", r.GetProperty("outcome").GetString());
            Assert.Contains(Code(r), new[] { "in-progress", "already-invited" });
        });
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
        Assert.Single(harness.Graph.Mailbox(owner).PostedEvents);
    }

    [Fact]
    public async Task A_request_that_read_the_ledger_before_another_sent_the_invitation_does_not_send_a_second()
    {
        // The race of the issue: A reads the ledger (nothing), B invites the contact from start to finish,
        // then A reserves. A decision taken on A's earlier read would replace B's row and invite again.
        var gate = ReserveGate.HoldFirst();
        var owner = Unique("blake");
        await using var harness = await PipelineHarness.StartAsync([owner], null, Gated(gate));
        harness.Graph.Mailbox(owner).SetProfile("Blake Ito");
        var json = $$"""{"mailbox":"{{owner}}","contacts":["dana@fabrikam.com"],"mode":"video"}""";

        var first = Task.Run(() => harness.InviteAsync(json, "key-a"), Cancel);
        await gate.FirstArrived.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var second = await harness.InviteAsync(json, "key-b");
        gate.ReleaseFirst();
        var late = await first;

        Assert.Equal("created", Result(second.Body).GetProperty("outcome").GetString());
        Assert.Equal("skipped", Result(late.Body).GetProperty("outcome").GetString());
        Assert.Equal("already-invited", Code(Result(late.Body)));
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
        Assert.Single(harness.Graph.Mailbox(owner).PostedEvents);
        var entry = Assert.Single(await harness.Get<IInvitationLedger>().ListAsync(owner, Cancel));
        Assert.Equal(("key-b", InvitationStatus.Sent), (entry.IdempotencyKey, entry.Status));
    }

    [Fact]
    public async Task The_HTTP_endpoint_the_review_page_and_auto_mode_at_once_send_one_invitation()
    {
        var owner = Unique("casey");
        var gate = ReserveGate.Barrier(3);
        await using var harness = await PipelineHarness.StartAsync([owner], WeeklyDigestEndToEndTests.DigestSettings(new string('k', 40)), Gated(gate));
        await harness.LoadSampleAsAsync(owner);
        await harness.RunWeeklyAsync();
        await harness.PumpAsync(Cancel);
        var digest = (await harness.Get<IDigestStore>().GetAsync(owner, IsoWeek.Of(PipelineHarness.AsOf), Cancel))!;
        var link = harness.Get<ReviewLinks>().Sign(owner, digest.Week, digest.ExpiresAt);
        var contact = digest.Contacts[0].Email;
        Assert.Empty(await harness.Get<IInvitationLedger>().ListAsync(owner, Cancel));
        gate.Reset();
        var auto = new ScanInvitations(
            harness.Get<IInvitationLedger>(), harness.Get<ISuppressionList>(), harness.Get<InvitationService>(),
            Options.Create(new InvitationOptions { AutoMode = true, AutoModeMaxPerMailbox = 1 }), NullLogger<ScanInvitations>.Instance);
        var scan = new ScanRecord { ScanId = "scan-concurrent", Mailbox = owner, Trigger = "timer", RequestedAt = PipelineHarness.AsOf };
        var flagged = new ScanResult(owner, PipelineHarness.AsOf,
            [new ContactAssessment(contact, null, ContactStatus.Flagged, 0.9, 3, 3, 2, PipelineHarness.AsOf.AddDays(-3), null, null, [], null)],
            new ScanStatistics(false, 1, 6, 0, 0, TimeSpan.Zero));

        var http = Task.Run(() => harness.InviteAsync($$"""{"mailbox":"{{owner}}","contacts":["{{contact}}"],"mode":"video"}""", "http-key"), Cancel);
        var review = Task.Run(() => harness.Get<DigestReview>().ApplyAsync(link, digest, [new ReviewDecision(contact, ReviewChoice.Video)], Cancel), Cancel);
        var autoRun = Task.Run(() => auto.AutoInviteAsync(scan, flagged, Cancel), Cancel);
        await Task.WhenAll(http, review, autoRun);

        Assert.Equal(3, gate.Arrived);
        Assert.Equal(1, harness.Graph.Mailbox(owner).CreatedEventCount);
        Assert.Single(harness.Graph.Mailbox(owner).PostedEvents);
        var entry = Assert.Single(await harness.Get<IInvitationLedger>().ListAsync(owner, Cancel));
        Assert.Equal(InvitationStatus.Sent, entry.Status);

        // Each path answers by whether its own reservation won; the others say "already invited" or "in progress".
        var httpResult = Result((await http).Body);
        var reviewOutcome = Assert.Single(await review);
        Assert.Equal(entry.IdempotencyKey == "http-key" ? "created" : "skipped", httpResult.GetProperty("outcome").GetString());
        Assert.Equal(
            entry.IdempotencyKey!.StartsWith("digest-", StringComparison.Ordinal) ? ReviewOutcomeKind.Invited : ReviewOutcomeKind.AlreadyInvited,
            reviewOutcome.Kind);
        Assert.True(entry.IdempotencyKey is "http-key" or "auto-scan-concurrent" || entry.IdempotencyKey.StartsWith("digest-", StringComparison.Ordinal), entry.IdempotencyKey);
    }

    /// <summary>Runs a hook before each ledger reservation: the seam that makes concurrent callers overlap on purpose.</summary>
    internal sealed class ReserveGate
    {
        private readonly int _parties;
        private readonly bool _holdFirst;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _releaseFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        private ReserveGate(int parties, bool holdFirst)
        {
            _parties = parties;
            _holdFirst = holdFirst;
        }

        /// <summary>Every reservation waits until <paramref name="parties"/> have arrived, then all go at once.</summary>
        public static ReserveGate Barrier(int parties) => new(parties, holdFirst: false);

        /// <summary>The first reservation waits for <see cref="ReleaseFirst"/>; later ones pass.</summary>
        public static ReserveGate HoldFirst() => new(1, holdFirst: true);

        public int Arrived => Volatile.Read(ref _arrived);

        public Task FirstArrived => _first.Task;

        public void ReleaseFirst() => _releaseFirst.TrySetResult();

        /// <summary>Forgets arrivals so far (reservations made while setting a test up).</summary>
        public void Reset()
        {
            Volatile.Write(ref _arrived, 0);
            _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public IInvitationLedger Wrap(IInvitationLedger inner) => new Ledger(inner, this);

        private async Task PassAsync(CancellationToken cancellationToken)
        {
            var arrival = Interlocked.Increment(ref _arrived);
            if (_holdFirst)
            {
                if (arrival != 1) return;
                _first.TrySetResult();
                await _releaseFirst.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                return;
            }

            var all = _all;
            if (arrival >= _parties) all.TrySetResult();

            // Bounded, so a caller that never reserves fails the test's assertions instead of hanging it.
            await all.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        }

        private sealed class Ledger(IInvitationLedger inner, ReserveGate gate) : IInvitationLedger
        {
            public Task<InvitationLedgerEntry?> GetAsync(string mailbox, string contact, CancellationToken cancellationToken) => inner.GetAsync(mailbox, contact, cancellationToken);

            public Task<IReadOnlyList<InvitationLedgerEntry>> ListAsync(string mailbox, CancellationToken cancellationToken) => inner.ListAsync(mailbox, cancellationToken);

            public async Task<InvitationReservation> ReserveAsync(InvitationLedgerEntry entry, ReservationPolicy policy, CancellationToken cancellationToken)
            {
                await gate.PassAsync(cancellationToken);
                return await inner.ReserveAsync(entry, policy, cancellationToken);
            }

            public Task<InvitationLedgerEntry> UpdateAsync(InvitationLedgerEntry entry, CancellationToken cancellationToken) => inner.UpdateAsync(entry, cancellationToken);

            public Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken) => inner.DeleteMailboxAsync(mailbox, cancellationToken);
        }
    }
}
