using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Outreach.Core.Digest;
using Outreach.Core.Invitations;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Functions.Tests.Support;
using Outreach.Storage.Digest;

namespace Outreach.Functions.Tests.Digest;

/// <summary>
/// The digest when something around sendMail goes wrong: the profile read, Graph's answer to sendMail, the
/// bookkeeping after it. At most one digest a week, and a week that never reached the owner costs nothing later.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class WeeklyDigestFailureTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly IsoWeek Week = IsoWeek.Of(PipelineHarness.AsOf);

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@northwind-labs.com";

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A scanned sample mailbox (no digest yet), with <paramref name="replace"/> applied to the services.</summary>
    private static async Task<PipelineHarness> ScannedAsync(string owner, Action<IServiceCollection>? replace = null)
    {
        var settings = WeeklyDigestEndToEndTests.DigestSettings(NewKey());
        settings["Outreach:Digest:Enabled"] = "false";
        var scanning = await PipelineHarness.StartAsync([owner], settings);
        await scanning.LoadSampleAsAsync(owner);
        await scanning.RunWeeklyAsync();
        await scanning.PumpAsync(Cancel);
        await scanning.DisposeAsync();

        // The same storage (Azurite), a digest-enabled app, and a fresh Graph with the same mailbox.
        var harness = await PipelineHarness.StartAsync([owner], WeeklyDigestEndToEndTests.DigestSettings(NewKey()), replace);
        await harness.LoadSampleAsAsync(owner);
        return harness;
    }

    private static int SendMailPosts(PipelineHarness harness, string owner) =>
        harness.Graph.Requests.Entries.Count(r => r.Method == "POST" && r.Mailbox is { } m
            && string.Equals(m, owner, StringComparison.OrdinalIgnoreCase) && r.Path.EndsWith("/sendMail", StringComparison.OrdinalIgnoreCase));

    private static ICalendarWriter NamedOwner()
    {
        var calendar = Substitute.For<ICalendarWriter>();
        calendar.GetOwnerAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new OwnerProfile("owner", "Avery Quinn", "UTC",
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(17, 0)));
        return calendar;
    }

    [Theory]
    [InlineData("throttled")]
    [InlineData("unreachable")]
    public async Task A_failed_profile_read_costs_the_greeting_never_the_week(string failure)
    {
        var owner = Unique("harper");
        var calendar = Substitute.For<ICalendarWriter>();
        calendar.GetOwnerAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(failure == "throttled"
            ? new MailboxAccessException(MailboxAccessFailure.Throttled, $"Microsoft Graph kept throttling profile for {owner} (429) after 6 retries.", 429)
            : new HttpRequestException("Connection refused"));
        await using var harness = await ScannedAsync(owner, services => services.AddSingleton(calendar));

        var result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf, Cancel);

        Assert.Equal(DigestOutcome.Sent, result.Outcome);
        Assert.Equal(DigestState.Sent, (await harness.Get<IDigestStore>().GetAsync(owner, Week, Cancel))!.State);
        var mail = Assert.Single(harness.Graph.Mailbox(owner).SentMail);
        Assert.DoesNotContain(", for ", (string)mail["body"]!["content"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_week_whose_sendMail_failed_does_not_make_the_next_weeks_same_list_nothing_new()
    {
        var owner = Unique("finley");
        await using var harness = await ScannedAsync(owner);
        var digest = harness.Get<WeeklyDigest>();
        harness.Graph.Faults.DenyAccess(owner);

        var failed = await digest.SendAsync(owner, PipelineHarness.AsOf, Cancel);
        Assert.Equal(DigestOutcome.Failed, failed.Outcome);
        Assert.Equal(DigestState.Failed, (await harness.Get<IDigestStore>().GetAsync(owner, Week, Cancel))!.State);

        // Mail.Send is granted; next week lists the very same contacts, which the owner has never seen.
        harness.Graph.Faults.Clear();
        var nextWeek = await digest.SendAsync(owner, PipelineHarness.AsOf.AddDays(7), Cancel);

        Assert.Equal(DigestOutcome.Sent, nextWeek.Outcome);
        Assert.Equal(failed.Record!.Contacts.Select(c => c.Email), nextWeek.Record!.Contacts.Select(c => c.Email));
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);
    }

    [Fact]
    public async Task A_refused_digest_logs_the_failure_kind_and_never_the_full_address()
    {
        var owner = Unique("rowan");
        var logs = new CapturingLoggerProvider();
        await using var harness = await ScannedAsync(owner, services => services.AddSingleton<ILoggerProvider>(logs));
        harness.Graph.Faults.DenyAccess(owner);

        var result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf, Cancel);

        Assert.Equal(DigestOutcome.Failed, result.Outcome);
        // The stored reason keeps the whole story (it is the owner's own record) ...
        var stored = (await harness.Get<IDigestStore>().GetAsync(owner, Week, Cancel))!;
        Assert.Contains(owner, stored.FailureReason, StringComparison.OrdinalIgnoreCase);
        // ... the logs say what kind of failure, for a redacted mailbox.
        var failure = Assert.Single(logs.Entries, e => e.EventId == 4004);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("Forbidden", failure.Text, StringComparison.Ordinal);
        Assert.Contains("403", failure.Text, StringComparison.Ordinal);
        Assert.Contains(Outreach.Core.Contacts.EmailAddresses.Redact(owner), failure.Text, StringComparison.Ordinal);
        Assert.All(logs.Entries.Where(e => e.Level >= LogLevel.Information),
            e => Assert.DoesNotContain(owner, e.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_504_from_sendMail_is_not_retried_so_the_digest_cannot_go_out_twice()
    {
        var owner = Unique("sawyer");
        await using var harness = await ScannedAsync(owner, services => services.AddSingleton(NamedOwner()));
        harness.Graph.Faults.Throttle(1, status: 504, retryAfterSeconds: 0, mailbox: owner);

        var result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf, Cancel);

        // A 504 may come after the message was accepted: one POST, and the week is closed (Failed, never resent).
        Assert.Equal(1, SendMailPosts(harness, owner));
        Assert.Equal(DigestOutcome.Failed, result.Outcome);
        Assert.Contains("504", result.Reason, StringComparison.Ordinal);
        Assert.Equal(DigestState.Failed, (await harness.Get<IDigestStore>().GetAsync(owner, Week, Cancel))!.State);
        Assert.Equal(DigestOutcome.AlreadySent, (await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf.AddDays(1), Cancel)).Outcome);
        Assert.Equal(1, SendMailPosts(harness, owner));
    }

    [Fact]
    public async Task A_429_from_sendMail_is_retried_after_Retry_After_and_sent_once()
    {
        var owner = Unique("tatum");
        await using var harness = await ScannedAsync(owner, services => services.AddSingleton(NamedOwner()));
        harness.Graph.Faults.Throttle(1, status: 429, retryAfterSeconds: 1, mailbox: owner);

        var result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf, Cancel);

        Assert.Equal(DigestOutcome.Sent, result.Outcome);
        Assert.Equal(2, SendMailPosts(harness, owner));
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);
        Assert.Equal(DigestState.Sent, (await harness.Get<IDigestStore>().GetAsync(owner, Week, Cancel))!.State);
    }

    [Theory]
    [InlineData(StoreFault.UpdateConflicts)]
    [InlineData(StoreFault.ReservedRecordUnreadable)]
    public async Task After_the_mail_went_out_a_bookkeeping_failure_is_logged_and_the_digest_counts_as_sent(StoreFault fault)
    {
        var owner = Unique("quinn");
        var logs = new CapturingLoggerProvider();
        await using var harness = await ScannedAsync(owner, services => services
            .AddSingleton<ILoggerProvider>(logs)
            .AddSingleton<IDigestStore>(provider => new FaultyDigestStore(
                new TableDigestStore(provider.GetRequiredService<TableServiceClient>(), time: provider.GetRequiredService<TimeProvider>()), fault)));

        var result = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf, Cancel);

        Assert.Equal(DigestOutcome.Sent, result.Outcome);
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);
        var logged = Assert.Single(logs.Entries, e => e.EventId == 4007);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.DoesNotContain(owner, logged.Text, StringComparison.OrdinalIgnoreCase);

        // The week stays reserved: a retried stage or the next run sends nothing.
        var again = await harness.Get<WeeklyDigest>().SendAsync(owner, PipelineHarness.AsOf.AddHours(1), Cancel);
        Assert.Equal(DigestOutcome.AlreadySent, again.Outcome);
        Assert.Single(harness.Graph.Mailbox(owner).SentMail);
    }

    public enum StoreFault
    {
        /// <summary>Another writer changed the record between reading and updating it (412).</summary>
        UpdateConflicts,
        /// <summary>The record just reserved does not read back (a storage hiccup).</summary>
        ReservedRecordUnreadable,
    }

    /// <summary>The table store with one failure injected after the reservation.</summary>
    private sealed class FaultyDigestStore(IDigestStore inner, StoreFault fault) : IDigestStore
    {
        private bool _reserved;
        private bool _readBack;

        public async Task<bool> TryReserveAsync(DigestRecord record, CancellationToken cancellationToken) =>
            _reserved = await inner.TryReserveAsync(record, cancellationToken);

        public async Task<DigestRecord?> GetAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken) =>
            fault == StoreFault.ReservedRecordUnreadable && _reserved && !_readBack && (_readBack = true) ? null : await inner.GetAsync(mailbox, week, cancellationToken);

        public Task<DigestRecord?> GetPreviousAsync(string mailbox, IsoWeek week, CancellationToken cancellationToken) => inner.GetPreviousAsync(mailbox, week, cancellationToken);

        public Task<DigestRecord> UpdateAsync(DigestRecord record, CancellationToken cancellationToken) =>
            fault == StoreFault.UpdateConflicts ? throw new StateConflictException(record.Mailbox) : inner.UpdateAsync(record, cancellationToken);

        public Task<bool> IsOptedOutAsync(string mailbox, CancellationToken cancellationToken) => inner.IsOptedOutAsync(mailbox, cancellationToken);

        public Task<bool> SetOptedOutAsync(string mailbox, bool optedOut, CancellationToken cancellationToken) => inner.SetOptedOutAsync(mailbox, optedOut, cancellationToken);

        public Task SnoozeAsync(string mailbox, string contact, DateTimeOffset until, CancellationToken cancellationToken) => inner.SnoozeAsync(mailbox, contact, until, cancellationToken);

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> ListSnoozedAsync(string mailbox, DateTimeOffset asOf, CancellationToken cancellationToken) =>
            inner.ListSnoozedAsync(mailbox, asOf, cancellationToken);

        public Task<int> DeleteMailboxAsync(string mailbox, CancellationToken cancellationToken) => inner.DeleteMailboxAsync(mailbox, cancellationToken);
    }
}
