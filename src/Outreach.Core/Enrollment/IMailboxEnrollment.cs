namespace Outreach.Core.Enrollment;

/// <summary>
/// Which mailboxes the service may act on: the administrator's configured list and/or the members of the
/// configured Entra group, minus the owners who opted out. Every HTTP route that names a mailbox and every
/// queue stage asks before any Graph call about that mailbox; erasure never asks (data can always be purged).
/// </summary>
public interface IMailboxEnrollment
{
    Task<EnrollmentDecision> CheckAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>The enrolled mailboxes (the weekly run's scope): the list and group members, opted-out ones removed.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);
}
