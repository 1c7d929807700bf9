using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Invitations;
using Outreach.Core.Pipeline;
using Outreach.Core.Policy;
using Outreach.Core.Sources;

namespace Outreach.Core.Digest;

public enum DigestOutcome
{
    Sent,
    Disabled,
    OptedOut,
    /// <summary>This week's digest was already reserved (sent, or reserved by a run that crashed: never sent twice).</summary>
    AlreadySent,
    /// <summary>No contact to list, or none that the previous digest did not list already.</summary>
    NothingNew,
    Failed,
}

public sealed record DigestResult(DigestOutcome Outcome, DigestRecord? Record = null, string? ReviewUrl = null, string? Reason = null);

/// <summary>
/// The weekly digest of one mailbox: this week's flagged contacts that are still worth a meeting (eligible
/// by the one <see cref="ContactEligibility"/> decision: no exclusion, not on a do-not-contact list, no
/// invitation pending or recently declined, not snoozed), the
/// best <see cref="DigestOptions.TopN"/> by score; sent only when at least one was not in the previous
/// digest, never to an opted-out mailbox, and at most once per ISO week: the week is reserved with a
/// conditional insert before sendMail, so a duplicate or retried run sends nothing.
/// </summary>
public sealed class WeeklyDigest(
    IContactResultStore results,
    IDigestStore store,
    ContactEligibility eligibility,
    IDigestMailer mailer,
    ICalendarWriter calendar,
    ReviewLinks links,
    DigestRenderer renderer,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<WeeklyDigest> logger)
{
    public async Task<DigestResult> SendAsync(string mailbox, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var normalized = EmailAddresses.Normalize(mailbox);
        var redacted = EmailAddresses.Redact(normalized);
        var week = IsoWeek.Of(asOf);
        if (!settings.Enabled) return new DigestResult(DigestOutcome.Disabled);
        if (await store.IsOptedOutAsync(normalized, cancellationToken))
        {
            DigestLog.Skipped(logger, redacted, week.ToString(), "opted out");
            return new DigestResult(DigestOutcome.OptedOut);
        }

        if (await store.GetAsync(normalized, week, cancellationToken) is { } existing)
        {
            if (existing.State == DigestState.Reserved) DigestLog.ReservedNeverSent(logger, redacted, week.ToString(), existing.ReservedAt);
            else DigestLog.Skipped(logger, redacted, week.ToString(), existing.State == DigestState.Failed ? "sendMail failed earlier this week (see its reason)" : "already sent this week");
            return new DigestResult(DigestOutcome.AlreadySent, existing);
        }

        var contacts = await CandidatesAsync(normalized, asOf, cancellationToken);
        var previous = await store.GetPreviousAsync(normalized, week, cancellationToken);
        var listedBefore = previous?.Contacts.Select(c => c.Email).ToHashSet(StringComparer.Ordinal) ?? [];
        if (contacts.Count == 0 || contacts.All(c => listedBefore.Contains(c.Email)))
        {
            DigestLog.Skipped(logger, redacted, week.ToString(), contacts.Count == 0 ? "no contact to list" : "nothing new since the last digest");
            return new DigestResult(DigestOutcome.NothingNew);
        }

        // The name first: a refusal or a throttled profile read costs the greeting, never the week.
        var ownerName = await OwnerNameAsync(normalized, cancellationToken);

        // Reserve → send → record, in that order and no other: the week is taken before anything is sent.
        var reservation = await ReserveAsync(normalized, redacted, week, contacts, cancellationToken);
        if (reservation.Refused is { } refused) return refused;

        var url = links.Url(links.Sign(normalized, week, reservation.Record.ExpiresAt));
        if (await SendMailAsync(reservation.Record, ownerName, url, cancellationToken) is { } failure) return await RecordFailedAsync(reservation, failure, redacted);

        var sent = await RecordSentAsync(reservation, redacted);
        DigestLog.Sent(logger, redacted, week.ToString(), contacts.Count, contacts.Count(c => !listedBefore.Contains(c.Email)));
        return new DigestResult(DigestOutcome.Sent, sent, url);
    }

    /// <summary>The week, reserved for this run; or why another run has it.</summary>
    private sealed record Reservation(DigestRecord Record, DigestRecord? Stored, DigestResult? Refused = null);

    /// <summary>
    /// Step 1, the one conditional write: at most once, the week is ours before anything is sent; a crash
    /// after it means no digest this week (logged on the next run), never two.
    /// </summary>
    private async Task<Reservation> ReserveAsync(string mailbox, string redacted, IsoWeek week, IReadOnlyList<DigestContact> contacts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new DigestRecord
        {
            Mailbox = mailbox,
            Week = week,
            State = DigestState.Reserved,
            ReservedAt = now,
            ExpiresAt = now.AddDays(options.Value.ReviewLinkValidityDays),
            Contacts = contacts,
        };

        if (!await store.TryReserveAsync(record, cancellationToken))
        {
            DigestLog.Skipped(logger, redacted, week.ToString(), "reserved by another run");
            return new Reservation(record, null, new DigestResult(DigestOutcome.AlreadySent, await store.GetAsync(mailbox, week, cancellationToken)));
        }

        // The stored record carries the ETag the updates of step 3 need.
        return new Reservation(record, await store.GetAsync(mailbox, week, cancellationToken));
    }

    /// <summary>Step 2: sendMail; the mailbox's refusal is returned to be recorded, anything else fails the run with the week still reserved.</summary>
    private async Task<MailboxAccessException?> SendMailAsync(DigestRecord record, string? ownerName, string url, CancellationToken cancellationToken)
    {
        try
        {
            var rendered = renderer.Render(record, ownerName, url);
            await mailer.SendAsync(record.Mailbox, rendered.Subject, rendered.HtmlBody, cancellationToken);
            return null;
        }
        catch (MailboxAccessException error)
        {
            return error;
        }
    }

    /// <summary>Step 3 after a refusal: the week is marked failed with the reason, which names the mailbox and so goes to the stored record only.</summary>
    private async Task<DigestResult> RecordFailedAsync(Reservation reservation, MailboxAccessException error, string redacted)
    {
        var week = reservation.Record.Week.ToString();
        DigestLog.Failed(logger, redacted, week, error.Failure.ToString(), error.StatusCode);
        var failed = reservation.Record with { State = DigestState.Failed, FailureReason = error.Message };
        try
        {
            failed = await store.UpdateAsync((reservation.Stored ?? reservation.Record) with { State = DigestState.Failed, FailureReason = error.Message }, CancellationToken.None);
        }
        catch (Exception bookkeeping) when (bookkeeping is not OperationCanceledException)
        {
            DigestLog.NotRecorded(logger, redacted, week, "failed", bookkeeping.GetType().Name);
        }

        return new DigestResult(DigestOutcome.Failed, failed, Reason: error.Message);
    }

    /// <summary>
    /// Step 3 after the mail went out: from here on nothing may fail the run (a retried stage would only
    /// find the week reserved), so a bookkeeping failure is logged and the digest still counts as sent.
    /// </summary>
    private async Task<DigestRecord> RecordSentAsync(Reservation reservation, string redacted)
    {
        var sent = reservation.Record with { State = DigestState.Sent, SentAt = time.GetUtcNow() };
        try
        {
            return await store.UpdateAsync((reservation.Stored ?? throw new InvalidOperationException("The reserved digest record could not be read back."))
                with { State = DigestState.Sent, SentAt = sent.SentAt }, CancellationToken.None);
        }
        catch (Exception bookkeeping) when (bookkeeping is not OperationCanceledException)
        {
            DigestLog.NotRecorded(logger, redacted, reservation.Record.Week.ToString(), "sent", bookkeeping.GetType().Name);
            return sent;
        }
    }

    /// <summary>
    /// The owner's display name for the greeting, or null when the profile cannot be read for any reason
    /// (no User.ReadBasic.All, throttled, unreachable): the digest needs only Mail.Send and goes out without it.
    /// </summary>
    private async Task<string?> OwnerNameAsync(string mailbox, CancellationToken cancellationToken)
    {
        try
        {
            return (await calendar.GetOwnerAsync(mailbox, cancellationToken)).DisplayName;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DigestLog.NoOwnerName(logger, EmailAddresses.Redact(mailbox), error is MailboxAccessException access ? access.Failure.ToString() : error.GetType().Name);
            return null;
        }
    }

    /// <summary>The contacts a digest at <paramref name="asOf"/> would list, best first.</summary>
    public async Task<IReadOnlyList<DigestContact>> CandidatesAsync(string mailbox, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var flagged = await results.ListAsync(mailbox, ContactStatus.Flagged, cancellationToken);
        if (flagged.Count == 0) return [];

        // The one eligibility decision, snoozes included: the owner's domains come from the harvested state
        // (every owner address), as for the scan and the invitations, not from the mailbox's domain alone.
        var eligible = await eligibility.ForMailboxAsync(mailbox, asOf, cancellationToken);
        // A LinkedIn-only contact (issue 13) has no address; its key is its profile URL, and it is listed to be asked on LinkedIn.
        return [.. flagged
            .Select(c => (Report: c, Key: c.Email ?? c.LinkedinUrl))
            .Where(c => c.Key is not null && eligible.Check(c.Key).MayBeListed)
            .OrderByDescending(c => c.Report.Score ?? 0)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(options.Value.TopN)
            .Select(c => new DigestContact(c.Key!, c.Report.DisplayName, c.Report.Score, c.Report.Sent, c.Report.Received, c.Report.Reasons)
            {
                IsLinkedInOnly = c.Report.Email is null,
                LinkedinUrl = ProfileUrls.SafeLink(c.Report.LinkedinUrl),
            })];
    }
}

internal static partial class DigestLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Digest {Week} of {Mailbox} sent: {Contacts} contacts, {New} new")]
    public static partial void Sent(ILogger logger, string mailbox, string week, int contacts, int @new);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Digest {Week} of {Mailbox} not sent: {Why}")]
    public static partial void Skipped(ILogger logger, string mailbox, string week, string why);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Digest {Week} of {Mailbox} was reserved at {ReservedAt} but never marked sent (a crash between reserving and sendMail?); it is not sent again this week")]
    public static partial void ReservedNeverSent(ILogger logger, string mailbox, string week, DateTimeOffset reservedAt);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Digest {Week} of {Mailbox} failed: {Failure} (HTTP {Status}); the digest record keeps the full reason")]
    public static partial void Failed(ILogger logger, string mailbox, string week, string failure, int? status);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error,
        Message = "Digest {Week} of {Mailbox}: sendMail {Outcome} but the digest record could not be updated ({Error}); the week stays reserved, so nothing is sent twice")]
    public static partial void NotRecorded(ILogger logger, string mailbox, string week, string outcome, string error);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Digest of {Mailbox}: the owner's profile could not be read ({Failure}); sent without their name")]
    public static partial void NoOwnerName(ILogger logger, string mailbox, string failure);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Review of digest {Week} of {Mailbox}: {Invited} invited, {Snoozed} snoozed, {Never} never, {Left} left")]
    public static partial void Reviewed(ILogger logger, string mailbox, string week, int invited, int snoozed, int never, int left);
}
