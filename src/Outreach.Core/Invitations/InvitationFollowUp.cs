using Outreach.Core.State;

namespace Outreach.Core.Invitations;

/// <summary>
/// Reads each sent invitation's answer from the harvested calendar: the event Outreach created is in
/// the owner's calendar, and its attendee status says accepted, declined, or nothing yet. An accepted
/// meeting then makes the contact "scheduled" and, once held, "met" by the normal rules.
/// </summary>
public static class InvitationFollowUp
{
    /// <summary>
    /// Saves the answers the calendar shows into the ledger and returns the mailbox's invitation history
    /// (for the scan's "invited" status). A row changed meanwhile by a new invitation keeps the newer version.
    /// </summary>
    public static async Task<InvitationHistory> ApplyAsync(
        IInvitationLedger ledger, MailboxState state, DateTimeOffset asOf, InvitationOptions options, CancellationToken cancellationToken)
    {
        var entries = (await ledger.ListAsync(state.Mailbox, cancellationToken)).ToDictionary(e => e.Contact, StringComparer.Ordinal);
        foreach (var changed in Changes(state, entries.Values, asOf))
        {
            try
            {
                entries[changed.Contact] = await ledger.UpdateAsync(changed, cancellationToken);
            }
            catch (StateConflictException)
            {
                entries[changed.Contact] = await ledger.GetAsync(state.Mailbox, changed.Contact, cancellationToken) ?? changed;
            }
        }

        return new InvitationHistory(entries.Values, options.CooldownDays, options.DeclinedCooldownDays);
    }

    /// <summary>Entries whose status the calendar changes, updated (the caller saves them).</summary>
    public static IReadOnlyList<InvitationLedgerEntry> Changes(MailboxState state, IEnumerable<InvitationLedgerEntry> entries, DateTimeOffset asOf)
    {
        var changes = new List<InvitationLedgerEntry>();
        foreach (var entry in entries)
        {
            if (entry.EventId is null || entry.Status is InvitationStatus.Pending) continue;
            var answer = Answer(state, entry, asOf);
            if (answer is { } status && status != entry.Status)
            {
                changes.Add(entry with { Status = status, RespondedAt = asOf });
            }
        }

        return changes;
    }

    private static InvitationStatus? Answer(MailboxState state, InvitationLedgerEntry entry, DateTimeOffset asOf)
    {
        if (!state.Meetings.TryGetValue(entry.EventId!, out var meeting))
        {
            // Outside the harvested window or deleted by the owner: nothing new to learn.
            return null;
        }

        var attendee = meeting.Participants.FirstOrDefault(p => p.Address == entry.Contact);
        if (meeting.IsCancelled || attendee is null) return null;
        if (attendee.Declined) return InvitationStatus.Declined;
        if (attendee.Accepted) return InvitationStatus.Accepted;
        return meeting.Start <= asOf ? InvitationStatus.NoResponse : InvitationStatus.Sent;
    }
}
