using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Contacts;
using Outreach.Core.Pipeline;

namespace Outreach.Core.Enrollment;

/// <summary>
/// Enrollment from <see cref="PipelineOptions"/>: a mailbox on <c>Outreach:Pipeline:Mailboxes</c> is enrolled
/// without any Graph call; otherwise, with <c>Outreach:Pipeline:MailboxGroupId</c> set, it is enrolled when the
/// directory lists it among the group's enabled (transitive) members. Either way an opt-out wins. With neither
/// setting, nothing is enrolled: every mailbox is refused, with the settings named (fail closed).
/// <para>
/// The group's members are the same set the weekly run scans (<see cref="IMailboxDirectory"/>: the
/// <c>transitiveMembers/microsoft.graph.user</c> listing, 999 per page, see
/// https://learn.microsoft.com/en-us/graph/api/group-list-transitivemembers), resolved at most once per
/// <see cref="MembershipCacheDuration"/> and shared by every request of this instance, so a check does not
/// list the group each time. Not <c>checkMemberGroups</c> per user: that needs the user's id or UPN, while
/// the directory (and so the weekly run) matches a member's <c>mail</c> address too, and skips disabled
/// accounts; one listing keeps both answers the same. Someone removed from the group keeps access for at most
/// the cache's lifetime.
/// </para>
/// </summary>
public sealed class MailboxEnrollment(
    IMailboxDirectory directory,
    IEnrollmentOptOutStore optOuts,
    IOptions<PipelineOptions> options,
    TimeProvider time,
    ILogger<MailboxEnrollment> logger) : IMailboxEnrollment, IDisposable
{
    /// <summary>How long a resolved group membership is trusted.</summary>
    public static readonly TimeSpan MembershipCacheDuration = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _members;

    public async Task<EnrollmentDecision> CheckAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        var normalized = EmailAddresses.Normalize(mailbox);
        var decision = await DecideAsync(normalized, cancellationToken);
        if (!decision.IsEnrolled) EnrollmentLog.Refused(logger, EmailAddresses.Redact(normalized), decision.Status.ToString());
        return decision;
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            EnrollmentLog.NothingConfigured(logger, EnrollmentDecision.MailboxesSetting, EnrollmentDecision.GroupSetting);
            return [];
        }

        var resolved = await directory.ResolveAsync(cancellationToken);
        _members = new Snapshot(resolved.ToHashSet(StringComparer.Ordinal), time.GetUtcNow() + MembershipCacheDuration);
        var optedOut = await optOuts.ListAsync(cancellationToken);
        return [.. resolved.Where(m => !optedOut.Contains(m))];
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsConfigured =>
        options.Value.Mailboxes.Any(EmailAddresses.IsValid) || !string.IsNullOrWhiteSpace(options.Value.MailboxGroupId);

    private async Task<EnrollmentDecision> DecideAsync(string mailbox, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return new EnrollmentDecision(mailbox, EnrollmentStatus.NoEnrollmentConfigured,
                $"No mailbox is enrolled, so Outreach acts on none: an administrator lists mailboxes in {EnrollmentDecision.MailboxesSetting}__0, __1, … "
                + $"and/or names an Entra group in {EnrollmentDecision.GroupSetting}.",
                EnrollmentDecision.MailboxesSetting);
        }

        var listed = options.Value.Mailboxes.Where(EmailAddresses.IsValid).Any(m => EmailAddresses.Normalize(m) == mailbox);
        var groupId = options.Value.MailboxGroupId;
        if (!listed && (string.IsNullOrWhiteSpace(groupId) || !(await GroupMembersAsync(cancellationToken)).Contains(mailbox)))
        {
            return string.IsNullOrWhiteSpace(groupId)
                ? new EnrollmentDecision(mailbox, EnrollmentStatus.NotEnrolled,
                    $"This mailbox is not enrolled: an administrator adds it to {EnrollmentDecision.MailboxesSetting}__N (or sets {EnrollmentDecision.GroupSetting}).",
                    EnrollmentDecision.MailboxesSetting)
                : new EnrollmentDecision(mailbox, EnrollmentStatus.NotEnrolled,
                    $"This mailbox is not enrolled: an administrator adds its owner to the Entra group named by {EnrollmentDecision.GroupSetting} "
                    + $"(or lists it in {EnrollmentDecision.MailboxesSetting}__N). A new member is seen within {MembershipCacheDuration.TotalMinutes:0} minutes.",
                    EnrollmentDecision.GroupSetting);
        }

        if (await optOuts.IsOptedOutAsync(mailbox, cancellationToken))
        {
            return new EnrollmentDecision(mailbox, EnrollmentStatus.OptedOut,
                "The owner asked Outreach to stop analysing this mailbox; an administrator re-enrols it with PUT /api/mailboxes/{mailbox}/enrollment.",
                null);
        }

        return new EnrollmentDecision(mailbox, EnrollmentStatus.Enrolled, "Enrolled.", null);
    }

    /// <summary>The directory's mailboxes, from the cache while fresh; one refresh at a time, the others wait for it.</summary>
    private async Task<HashSet<string>> GroupMembersAsync(CancellationToken cancellationToken)
    {
        if (_members is { } fresh && fresh.ExpiresAt > time.GetUtcNow()) return fresh.Mailboxes;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_members is { } refreshed && refreshed.ExpiresAt > time.GetUtcNow()) return refreshed.Mailboxes;
            var resolved = await directory.ResolveAsync(cancellationToken);
            var snapshot = new Snapshot(resolved.ToHashSet(StringComparer.Ordinal), time.GetUtcNow() + MembershipCacheDuration);
            _members = snapshot;
            EnrollmentLog.GroupResolved(logger, snapshot.Mailboxes.Count);
            return snapshot.Mailboxes;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Snapshot(HashSet<string> Mailboxes, DateTimeOffset ExpiresAt);
}

internal static partial class EnrollmentLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Mailbox {Mailbox} refused: {Status}")]
    public static partial void Refused(ILogger logger, string mailbox, string status);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "No mailbox is enrolled: set {MailboxesSetting}__0 … and/or {GroupSetting}")]
    public static partial void NothingConfigured(ILogger logger, string mailboxesSetting, string groupSetting);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Enrollment: {Count} mailboxes resolved from the list and the group")]
    public static partial void GroupResolved(ILogger logger, int count);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Mailbox {Mailbox} opted out and erased ({Via})")]
    public static partial void OptedOut(ILogger logger, string mailbox, string via);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "Mailbox {Mailbox} re-enrolled (opt-out removed: {Changed})")]
    public static partial void ReEnrolled(ILogger logger, string mailbox, bool changed);
}
