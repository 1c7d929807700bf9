using Outreach.Core.Contacts;
using Outreach.Core.Sources;
using Outreach.Core.State;

namespace Outreach.Core.Touchpoints;

/// <summary>
/// Turns pages of the Teams feeds (issue 13) into touchpoints: calls into <see cref="MailboxState.Calls"/>, chat
/// messages into Teams-chat text touchpoints. Idempotent like <see cref="TouchpointRecorder"/>: calls are replaced
/// by id, messages de-duplicate by key, so a resumed or repeated harvest counts nothing twice.
/// </summary>
public static class TeamsRecorder
{
    /// <summary>
    /// The most members a chat may have for its messages to count: a meeting's limit (the reader reads only chats
    /// this small; this guards the rules should a chat grow between listing and reading).
    /// </summary>
    public const int MaxChatMembers = 8;

    public static void ApplyCalls(MailboxState state, ChangePage<MeetingRecord> page)
    {
        foreach (var call in page.Items) RecordCall(state, call);

        // Graph forgetting a record (after 30 days) is not the call un-happening: removals are not applied.
    }

    public static void ApplyChats(MailboxState state, ChangePage<TeamsChatItem> page)
    {
        foreach (var item in page.Items)
        {
            if (item.Call is { } call) RecordCall(state, call);
            if (item.Message is { } message) RecordChatMessage(state, message);
        }
    }

    /// <summary>Keeps the call with its participants' addresses normalised; those that cannot be mapped are dropped.</summary>
    public static void RecordCall(MailboxState state, MeetingRecord call)
    {
        var people = new Dictionary<string, MeetingParticipant>(StringComparer.Ordinal);
        foreach (var person in call.Participants)
        {
            if (!EmailAddresses.TryNormalize(person.Address, out var address)) continue;
            if (people.TryGetValue(address, out var known) && known.IsOrganizer) continue;
            people[address] = person with { Address = address };
        }

        (state.Calls ??= new Dictionary<string, MeetingRecord>(StringComparer.Ordinal))[call.EventId] =
            call with { Participants = [.. people.Values], ParticipantCount = Math.Max(call.ParticipantCount, people.Count) };
    }

    /// <summary>
    /// One message: from the owner, a sent touchpoint to every other member; from a member, a received one from
    /// them. The owner is never a contact, whichever of their addresses the chat shows. Nothing of the content is read.
    /// </summary>
    public static void RecordChatMessage(MailboxState state, ChatMessageRecord message)
    {
        if (message.Members.Count > MaxChatMembers) return;
        if (message.From is not { } from || !EmailAddresses.TryNormalize(from.Address, out var sender)) return; // system messages
        // Chat message ids are unique within their chat only: the chat's id goes into the key.
        var key = TextTouchpoint.Key(message.ChatId + "\n" + message.Id);
        var conversation = TextTouchpoint.Key(message.ChatId);
        if (state.IsOwner(sender))
        {
            var touchpoint = new TextTouchpoint(key, message.At, TextDirection.Sent, conversation);
            foreach (var member in message.Members)
            {
                if (!EmailAddresses.TryNormalize(member.Address, out var address) || state.IsOwner(address)) continue;
                var ledger = state.Ledger(address);
                ledger.TryAdd(touchpoint, TextChannel.TeamsChat);
                ledger.Rename(member.Name, message.At);
            }

            return;
        }

        var received = state.Ledger(sender);
        received.TryAdd(new TextTouchpoint(key, message.At, TextDirection.Received, conversation), TextChannel.TeamsChat);
        received.Rename(from.Name, message.At);
    }
}
