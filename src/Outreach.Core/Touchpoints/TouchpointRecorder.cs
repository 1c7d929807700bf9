using Outreach.Core.Contacts;
using Outreach.Core.Sources;
using Outreach.Core.State;

namespace Outreach.Core.Touchpoints;

/// <summary>
/// Turns pages of messages and events into touchpoints in a <see cref="MailboxState"/>. Applying the
/// same page twice changes nothing (message keys de-duplicate; events are replaced by id), which is what
/// makes a resumed or re-delivered harvest safe.
/// </summary>
public static class TouchpointRecorder
{
    public static void ApplyMail(MailboxState state, MailFolderKind folder, ChangePage<MailMessageRecord> page)
    {
        foreach (var message in page.Items)
        {
            if (folder == MailFolderKind.Inbox) RecordReceived(state, message);
            else RecordSent(state, message);
        }

        // Removed messages (deleted or moved out of the folder) are deliberately not un-counted:
        // the exchange still happened, and the owner tidying their inbox must not make a contact colder.
    }

    public static void ApplyCalendar(MailboxState state, ChangePage<CalendarEventRecord> page)
    {
        foreach (var ev in page.Items)
        {
            state.Meetings[ev.Id] = ToMeeting(ev);
        }

        foreach (var removed in page.RemovedIds)
        {
            state.Meetings.Remove(removed);
        }
    }

    public static MeetingRecord ToMeeting(CalendarEventRecord ev)
    {
        var people = new Dictionary<string, MeetingParticipant>(StringComparer.Ordinal);
        if (ev.Organizer is { } organizer && EmailAddresses.TryNormalize(organizer.Address, out var address))
        {
            people[address] = new MeetingParticipant(address, organizer.Name, IsOrganizer: true, Declined: false);
        }

        foreach (var attendee in ev.Attendees)
        {
            if (attendee.Kind == AttendeeKind.Resource || !EmailAddresses.TryNormalize(attendee.Address, out var attendeeAddress)) continue;
            if (people.TryGetValue(attendeeAddress, out var known) && known.IsOrganizer) continue;
            people[attendeeAddress] = new MeetingParticipant(
                attendeeAddress, attendee.Name, IsOrganizer: false,
                Declined: attendee.Response == MeetingResponse.Declined,
                Accepted: attendee.Response is MeetingResponse.Accepted or MeetingResponse.TentativelyAccepted);
        }

        return new MeetingRecord(
            ev.Id,
            ev.Start,
            ev.End,
            ev.IsCancelled,
            OwnerDeclined: ev.OwnerResponse == MeetingResponse.Declined,
            MeetingMediumClassifier.Classify(ev),
            people.Count,
            [.. people.Values]);
    }

    private static void RecordReceived(MailboxState state, MailMessageRecord message)
    {
        if (message.IsDraft || message.From is not { } from || !EmailAddresses.TryNormalize(from.Address, out var address)) return;
        var at = message.ReceivedAt ?? message.SentAt;
        if (at is null) return;

        var ledger = state.Ledger(address);
        var touchpoint = new TextTouchpoint(
            TextTouchpoint.Key(message.Id), at.Value, TextDirection.Received, TextTouchpoint.Key(message.ConversationId));
        ledger.TryAdd(touchpoint);
        ledger.Rename(from.Name, at.Value);
        ledger.NoteSubject(message.Subject, at.Value);
        if (ledger.AutomatedReason is null && AutomatedSenderRules.ReasonFromHeaders(message.Headers) is { } reason)
        {
            ledger.AutomatedReason = reason;
        }
    }

    private static void RecordSent(MailboxState state, MailMessageRecord message)
    {
        if (message.IsDraft) return;
        var at = message.SentAt ?? message.ReceivedAt;
        if (at is null) return;

        // Whatever address the owner sends from is the owner's (aliases, shared addresses they send as).
        if (message.From is { } from && EmailAddresses.TryNormalize(from.Address, out var owner))
        {
            state.OwnerAddresses.Add(owner);
        }

        // One touchpoint per distinct recipient (To, then Cc); the first mention's name is the one used.
        // Plain loops: this runs once per sent message, and LINQ's grouping allocated more than the rest.
        var touchpoint = new TextTouchpoint(
            TextTouchpoint.Key(message.Id), at.Value, TextDirection.Sent, TextTouchpoint.Key(message.ConversationId));
        var counted = new Recipients();
        RecordRecipients(state, message.To, touchpoint, at.Value, message.Subject, ref counted);
        RecordRecipients(state, message.Cc, touchpoint, at.Value, message.Subject, ref counted);
    }

    private static void RecordRecipients(
        MailboxState state, IReadOnlyList<EmailParticipant> recipients, TextTouchpoint touchpoint, DateTimeOffset at, string? subject, ref Recipients counted)
    {
        for (var i = 0; i < recipients.Count; i++)
        {
            var recipient = recipients[i];
            if (!EmailAddresses.TryNormalize(recipient.Address, out var address)) continue;
            if (!counted.Add(address)) continue;

            var ledger = state.Ledger(address);
            ledger.TryAdd(touchpoint);
            ledger.Rename(recipient.Name, at);
            ledger.NoteSubject(subject, at);
        }
    }

    /// <summary>The addresses one message already counted: the first without allocating, more in a list.</summary>
    private struct Recipients
    {
        private string? _first;
        private List<string>? _more;

        public bool Add(string address)
        {
            if (_first is null)
            {
                _first = address;
                return true;
            }

            if (string.Equals(_first, address, StringComparison.Ordinal) || (_more?.Contains(address, StringComparer.Ordinal) ?? false)) return false;
            (_more ??= []).Add(address);
            return true;
        }
    }
}
