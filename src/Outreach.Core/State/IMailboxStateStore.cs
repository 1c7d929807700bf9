namespace Outreach.Core.State;

/// <summary>
/// Keeps <see cref="MailboxState"/> between runs. Saving is optimistic: a save based on an older
/// version than the stored one throws <see cref="StateConflictException"/> instead of overwriting it.
/// </summary>
public interface IMailboxStateStore
{
    Task<MailboxState?> LoadAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>Saves and sets <see cref="MailboxState.ETag"/> to the new version's token.</summary>
    Task SaveAsync(MailboxState state, CancellationToken cancellationToken);

    /// <summary>Erases everything held for the mailbox; true when something was there.</summary>
    Task<bool> DeleteAsync(string mailbox, CancellationToken cancellationToken);
}

public sealed class StateConflictException(string mailbox)
    : Exception($"The stored state of this mailbox changed since it was loaded (another scan ran at the same time). Mailbox: {mailbox}");
