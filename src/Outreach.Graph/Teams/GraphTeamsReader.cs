using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using CallRecord = Microsoft.Graph.Models.CallRecords.CallRecord;
using Modality = Microsoft.Graph.Models.CallRecords.Modality;
using Outreach.Core.Contacts;
using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;
using Outreach.Graph.Reading;

namespace Outreach.Graph.Teams;

/// <summary>
/// Reads one owner's Teams calls and small chats through Graph (issue 13). Nothing of what was said is kept: a chat
/// message becomes who, when and which chat; a call, who, when and whether there was video.
/// </summary>
/// <remarks>
/// <para>
/// <b>Calls</b> (application permission CallRecords.Read.All, tenant-wide; no delegated form exists):
/// <c>GET /communications/callRecords?$filter=participants_v2/any(p:p/id eq '{owner id}') and startDateTime ge {bound}</c>,
/// the only two filterable properties (https://learn.microsoft.com/graph/api/callrecords-cloudcommunications-list-callrecords).
/// Records are kept 30 days, so the weekly harvest reads each before it expires. The list carries no relationships
/// ("the listed call records don't include expandable relationships such as sessions and participants_v2"), so each new
/// record's people come from <c>/callRecords/{id}/participants_v2</c>, paged
/// (https://learn.microsoft.com/graph/api/callrecords-callrecord-list-participants_v2). <c>participants_v2</c>, not the old
/// <c>participants</c>/<c>organizer</c>, which stop returning data in 2026. The record's own <c>modalities</c> is the union of
/// its sessions' (https://learn.microsoft.com/graph/api/resources/callrecords-callrecord); only when it is empty are the
/// sessions read (at most 60 a page: https://learn.microsoft.com/graph/api/callrecords-callrecord-list-sessions).
/// <c>video</c> among them is a video meeting, else a voice call. <c>organizer_v2</c> is a further request per call and
/// the rules never weigh who organised a call, so it is not read.
/// </para>
/// <para>
/// People: a Microsoft Entra user (member or B2B guest) is looked up in the directory by id (mail, else a UPN that is not
/// an #EXT# name). A federated user (another tenant) is not in our directory: the record's <c>userPrincipalName</c>, when
/// given, is their address, else they are counted but unmappable. Anonymous guests (<c>identity.guest</c>: a name they typed)
/// and phone participants are counted, never mapped. Applications and devices are not people and are not counted.
/// </para>
/// <para>
/// <b>Chats</b> (Chat.Read.All, application: a protected API, so Microsoft must approve the app before it returns data,
/// https://learn.microsoft.com/graph/teams-protected-apis): <c>GET /users/{owner}/chats?$filter=chatType eq 'oneOnOne' or
/// chatType eq 'group'&amp;$expand=members&amp;$top=50</c> (https://learn.microsoft.com/graph/api/chat-list: $top at most 50;
/// an expansion returns at most 25 members, which is still "more than 8"). Chats of more than
/// <see cref="MaxChatMembers"/> members are skipped. Each small chat's new messages:
/// <c>GET /chats/{id}/messages?$filter=lastModifiedDateTime gt {mark}&amp;$orderby=lastModifiedDateTime desc&amp;$top=50</c>,
/// following @odata.nextLink (https://learn.microsoft.com/graph/api/chat-list-messages: the filter is ignored unless $orderby
/// names the same property; descending only; $top at most 50; no $select, so the body travels but is never read or kept).
/// Never <c>getAllMessages</c>: it is metered and billed per message
/// (https://learn.microsoft.com/graph/teams-licenses#payment-models-for-teams-apis). Cost per run: chat-list pages + one
/// request per small chat (more only for a chat with over 50 new messages).
/// </para>
/// </remarks>
public sealed class GraphTeamsReader(GraphServiceClient client, IOptions<GraphOptions> options) : ITeamsReader
{
    public const string CallsStream = "teamsCalls";
    public const string ChatsStream = "teamsChats";

    /// <summary>Chats with more members than this are not one-to-few conversations and are skipped (the meeting rule's 8).</summary>
    public const int MaxChatMembers = 8;

    /// <summary>Documented maximum $top of the chat list and of a chat's messages.</summary>
    public const int ChatPageSize = 50;

    /// <summary>
    /// How far before the newest start read the next run lists again: a record appears only once its call ended, so a
    /// long call that started earlier than a short one read already would otherwise be missed. Records met again are
    /// skipped by id (the cursor keeps them), so the overlap costs one list page, not their participants.
    /// </summary>
    public static readonly TimeSpan CallOverlap = TimeSpan.FromDays(1);

    /// <summary>Prefix of a call's <see cref="MeetingRecord.EventId"/>, so it never collides with a calendar event's id.</summary>
    public const string CallIdPrefix = "call:";

    private readonly GraphOptions _options = options.Value;

    public async IAsyncEnumerable<ChangePage<MeetingRecord>> ReadCallsAsync(
        string mailbox, string? cursor, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = cursor is null ? CallsCursor.Start : CallsCursor.Parse(cursor, CallsStream);
        var directory = await DirectoryAsync(mailbox, CallsStream, cancellationToken);
        var bound = state.Newest is { } newest ? newest - CallOverlap : since;
        var records = client.Communications.CallRecords;

        while (true)
        {
            var link = state.NextLink;
            var response = await CallAsync(mailbox, CallsStream, () => link is null
                ? records.GetAsync(request =>
                {
                    request.QueryParameters.Filter = $"participants_v2/any(p:p/id eq '{directory.OwnerId}') and startDateTime ge {Iso(bound)}";
                    PreferPageSize(request.Headers);
                }, cancellationToken)
                : records.WithUrl(link).GetAsync(request => PreferPageSize(request.Headers), cancellationToken));

            var items = new List<MeetingRecord>();
            foreach (var record in response?.Value ?? [])
            {
                if (record.Id is not { } id || record.StartDateTime is not { } start) continue;
                // Met again in the overlap (or in a page re-read after a crash): read once.
                if (state.Seen.ContainsKey(id)) continue;
                MeetingRecord meeting;
                try
                {
                    meeting = await ToMeetingAsync(record, id, start, directory, mailbox, cancellationToken);
                }
                catch (MailboxAccessException gone) when (gone.Failure == MailboxAccessFailure.NotFound)
                {
                    // Listed, then past its 30 days before its participants were read: nothing left to read.
                    continue;
                }

                items.Add(meeting);
                state = state.With(id, start);
            }

            var next = response?.OdataNextLink;
            state = next is null ? state.Finished(CallOverlap) : state with { NextLink = next };
            yield return new ChangePage<MeetingRecord>(items, [], state.ToString(), IsFinal: next is null);
            if (next is null) yield break;
        }
    }

    public async IAsyncEnumerable<ChangePage<TeamsChatItem>> ReadChatsAsync(
        string mailbox, string? cursor, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var marks = ChatsCursor.Parse(cursor, ChatsStream);
        var directory = await DirectoryAsync(mailbox, ChatsStream, cancellationToken);
        var chats = await SmallChatsAsync(mailbox, cancellationToken);
        if (chats.Count == 0)
        {
            yield return new ChangePage<TeamsChatItem>([], [], marks.ToString(), IsFinal: true);
            yield break;
        }

        var refused = 0;
        for (var c = 0; c < chats.Count; c++)
        {
            var chat = chats[c];
            var chatId = chat.Id!;
            var members = await MembersAsync(chat, directory, cancellationToken);
            var mark = marks.MarkOf(chatId) ?? since;
            var newest = mark;
            string? link = null;
            while (true)
            {
                var page = link;
                var response = await MessagesAsync(mailbox, chatId, mark, page, cancellationToken);
                if (response is null)
                {
                    // Graph refused this one chat (see MessagesAsync): the others are still read. All refused is a missing permission.
                    if (++refused == chats.Count) await MessagesAsync(mailbox, chatId, mark, page, cancellationToken, tolerateRefusal: false);
                }

                var items = new List<TeamsChatItem>();
                var reachedMark = false;
                foreach (var message in response?.Value ?? [])
                {
                    var modified = message.LastModifiedDateTime ?? message.CreatedDateTime;
                    // The filter works to the millisecond; what was read at the mark itself is not read twice.
                    if (modified is { } m && m <= mark)
                    {
                        reachedMark = true;
                        continue;
                    }

                    if (modified is { } later && later > newest) newest = later;
                    if (await ToItemAsync(message, chatId, members, directory, cancellationToken) is { } item) items.Add(item);
                }

                // Newest first: a page that reached the mark ends the chat even if a link follows.
                link = reachedMark ? null : response?.OdataNextLink;
                if (link is null && response is not null) marks.Advance(chatId, newest);
                var last = link is null && c == chats.Count - 1;
                var incomplete = last && refused > 0
                    ? $"Microsoft Graph refused to list the messages of {refused} of {chats.Count} Teams chats (403/404: typically chats "
                      + "started in another tenant, which an app may only read from that tenant); their messages are missing."
                    : null;
                yield return new ChangePage<TeamsChatItem>(items, [], marks.ToString(), IsFinal: last, incomplete);
                if (link is null) break;
            }
        }
    }

    /// <summary>
    /// One page of a chat's messages. A chat Graph refuses on its own (403/404 on the first page: "to list chat messages in
    /// application context, the request must be made from the tenant" the chat belongs to,
    /// https://learn.microsoft.com/graph/api/chat-list-messages; or the chat is gone) gives null instead of failing the feed.
    /// </summary>
    private async Task<ChatMessageCollectionResponse?> MessagesAsync(
        string mailbox, string chatId, DateTimeOffset mark, string? link, CancellationToken cancellationToken, bool tolerateRefusal = true)
    {
        var messages = client.Chats[chatId].Messages;
        try
        {
            return await CallAsync(mailbox, ChatsStream, () => link is null
                ? messages.GetAsync(request =>
                {
                    // The filter only applies with $orderby on the same property, descending (chat-list-messages).
                    request.QueryParameters.Filter = "lastModifiedDateTime gt " + IsoMilliseconds(mark);
                    request.QueryParameters.Orderby = ["lastModifiedDateTime desc"];
                    request.QueryParameters.Top = ChatPageSize;
                }, cancellationToken)
                : messages.WithUrl(link).GetAsync(cancellationToken: cancellationToken));
        }
        catch (MailboxAccessException refusal) when (tolerateRefusal && link is null
            && refusal.Failure is MailboxAccessFailure.Forbidden or MailboxAccessFailure.NotFound)
        {
            return null;
        }
    }

    private async Task<DirectoryAddresses> DirectoryAsync(string mailbox, string stream, CancellationToken cancellationToken)
    {
        var owner = await CallAsync(mailbox, stream, () => client.Users[mailbox].GetAsync(request =>
            request.QueryParameters.Select = ["id"], cancellationToken));
        var ownerId = owner?.Id ?? throw new MailboxAccessException(MailboxAccessFailure.NotFound, $"Microsoft Graph returned no directory id for '{mailbox}'.");
        return new DirectoryAddresses(client, mailbox, ownerId, error => GraphErrorTranslator.Translate(error, mailbox, stream, _options));
    }

    private async Task<MeetingRecord> ToMeetingAsync(
        CallRecord record, string id, DateTimeOffset start, DirectoryAddresses directory, string mailbox, CancellationToken cancellationToken)
    {
        var modalities = record.Modalities?.OfType<Modality>().ToList() ?? [];
        if (modalities.Count == 0) modalities = await SessionModalitiesAsync(id, mailbox, cancellationToken);

        var people = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var mapped = new Dictionary<string, MeetingParticipant>(StringComparer.OrdinalIgnoreCase);
        string? link = null;
        while (true)
        {
            var page = link;
            var participants = client.Communications.CallRecords[id].Participants_v2;
            var response = await CallAsync(mailbox, CallsStream, () => page is null
                ? participants.GetAsync(request => PreferPageSize(request.Headers), cancellationToken)
                : participants.WithUrl(page).GetAsync(request => PreferPageSize(request.Headers), cancellationToken));
            foreach (var participant in response?.Value ?? [])
            {
                var (key, address) = await PersonAsync(participant.Identity, directory, cancellationToken);
                if (key is null) continue;
                people.Add(key);
                if (address is not null) mapped.TryAdd(address.Address, new MeetingParticipant(address.Address, address.Name, IsOrganizer: false, Declined: false));
            }

            link = response?.OdataNextLink;
            if (link is null) break;
        }

        var medium = modalities.Contains(Modality.Video) ? MeetingMedium.Video : MeetingMedium.Voice;
        return new MeetingRecord(CallIdPrefix + id, start, record.EndDateTime ?? start, IsCancelled: false, OwnerDeclined: false,
            medium, people.Count, [.. mapped.Values]);
    }

    /// <summary>A person's key (to count distinct people) and address when one is known; a null key is not a person.</summary>
    private static async Task<(string? Key, EmailParticipant? Address)> PersonAsync(
        CommunicationsIdentitySet? identity, DirectoryAddresses directory, CancellationToken cancellationToken)
    {
        if (identity?.User is { Id: { Length: > 0 } userId } user)
        {
            var address = await directory.AddressOfAsync(userId, user.DisplayName, cancellationToken);
            // Another tenant's user: the record may still name them by UPN, usually their address.
            if (address is null && user is Microsoft.Graph.Models.CallRecords.UserIdentity { UserPrincipalName: { } upn }
                && EmailAddresses.TryNormalize(upn, out var federated))
            {
                address = new EmailParticipant(federated, user.DisplayName);
            }

            return ("user:" + userId, address);
        }

        if (identity?.Guest is { Id: { } guestId }) return ("guest:" + guestId, null);
        if (identity?.Phone is { Id: { } phone }) return ("phone:" + phone, null);
        if (identity?.AzureCommunicationServicesUser is { Id: { } acs }) return ("acs:" + acs, null);
        if (identity?.Encrypted is { Id: { } encrypted }) return ("encrypted:" + encrypted, null);
        if (identity?.OnPremises is { Id: { } onPremises }) return ("onPremises:" + onPremises, null);
        return (null, null);
    }

    private async Task<List<Modality>> SessionModalitiesAsync(string id, string mailbox, CancellationToken cancellationToken)
    {
        var modalities = new List<Modality>();
        string? link = null;
        while (true)
        {
            var page = link;
            var sessions = client.Communications.CallRecords[id].Sessions;
            var response = await CallAsync(mailbox, CallsStream, () => page is null
                ? sessions.GetAsync(request => request.QueryParameters.Select = ["id", "modalities"], cancellationToken)
                : sessions.WithUrl(page).GetAsync(cancellationToken: cancellationToken));
            modalities.AddRange((response?.Value ?? []).SelectMany(s => s.Modalities ?? []).OfType<Modality>());
            link = response?.OdataNextLink;
            if (link is null) return modalities;
        }
    }

    private async Task<List<Chat>> SmallChatsAsync(string mailbox, CancellationToken cancellationToken)
    {
        var chats = new List<Chat>();
        var list = client.Users[mailbox].Chats;
        string? link = null;
        while (true)
        {
            var page = link;
            var response = await CallAsync(mailbox, ChatsStream, () => page is null
                ? list.GetAsync(request =>
                {
                    request.QueryParameters.Filter = "chatType eq 'oneOnOne' or chatType eq 'group'";
                    request.QueryParameters.Expand = ["members"];
                    request.QueryParameters.Top = ChatPageSize;
                }, cancellationToken)
                : list.WithUrl(page).GetAsync(cancellationToken: cancellationToken));
            // The type is checked again: a meeting chat is the meeting's, not a conversation.
            chats.AddRange((response?.Value ?? []).Where(chat => chat.Id is not null
                && chat.ChatType is ChatType.OneOnOne or ChatType.Group
                && (chat.Members?.Count ?? 0) <= MaxChatMembers));
            link = response?.OdataNextLink;
            if (link is null) return chats;
        }
    }

    /// <summary>The chat's members as addresses (the owner as the mailbox); members the directory cannot name are left out.</summary>
    private static async Task<Dictionary<string, EmailParticipant>> MembersAsync(Chat chat, DirectoryAddresses directory, CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, EmailParticipant>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in (chat.Members ?? []).OfType<AadUserConversationMember>())
        {
            if (member.UserId is not { Length: > 0 } userId) continue;
            EmailParticipant? address;
            if (!userId.Equals(directory.OwnerId, StringComparison.OrdinalIgnoreCase) && EmailAddresses.TryNormalize(member.Email, out var email))
            {
                address = new EmailParticipant(email, member.DisplayName);
                directory.Know(userId, address);
            }
            else
            {
                address = await directory.AddressOfAsync(userId, member.DisplayName, cancellationToken);
            }

            if (address is not null) members[userId] = address;
        }

        return members;
    }

    private static async Task<TeamsChatItem?> ToItemAsync(
        ChatMessage message, string chatId, Dictionary<string, EmailParticipant> members, DirectoryAddresses directory, CancellationToken cancellationToken)
    {
        if (message.DeletedDateTime is not null || message.Id is null || message.CreatedDateTime is not { } at) return null;
        var everyone = members.Values.DistinctBy(m => m.Address, StringComparer.OrdinalIgnoreCase).ToList();

        if (message.MessageType == ChatMessageType.Message)
        {
            // A bot's or connector's message has no user: not a person's touchpoint.
            if (message.From?.User?.Id is not { Length: > 0 } fromId) return null;
            var from = members.GetValueOrDefault(fromId) ?? await directory.AddressOfAsync(fromId, message.From.User.DisplayName, cancellationToken);
            return new TeamsChatItem(new ChatMessageRecord(chatId + "/" + message.Id, chatId, at, from, everyone), null);
        }

        if (message.MessageType == ChatMessageType.SystemEventMessage && message.EventDetail is CallEndedEventMessageDetail ended)
        {
            // callEventType is call, meeting or screenShare: it does not say whether cameras were on, so the medium is
            // Unknown (the rules' policy for unknown media decides); the call record, when teamsCalls is on, knows more.
            var people = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var mapped = new Dictionary<string, MeetingParticipant>(StringComparer.OrdinalIgnoreCase);
            foreach (var info in ended.CallParticipants ?? [])
            {
                if (info.Participant?.User?.Id is not { Length: > 0 } userId) continue;
                people.Add(userId);
                var address = members.GetValueOrDefault(userId) ?? await directory.AddressOfAsync(userId, info.Participant.User.DisplayName, cancellationToken);
                if (address is not null) mapped.TryAdd(address.Address, new MeetingParticipant(address.Address, address.Name, IsOrganizer: false, Declined: false));
            }

            var duration = ended.CallDuration is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
            var id = CallIdPrefix + (ended.CallId ?? chatId + "/" + message.Id);
            return new TeamsChatItem(null, new MeetingRecord(id, at - duration, at, IsCancelled: false, OwnerDeclined: false,
                MeetingMedium.Unknown, people.Count, [.. mapped.Values]));
        }

        return null;
    }

    private async Task<TResult?> CallAsync<TResult>(string mailbox, string stream, Func<Task<TResult?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (GraphErrorTranslator.IsGraphFailure(error))
        {
            throw GraphErrorTranslator.Translate(error, mailbox, stream, _options);
        }
    }

    /// <summary>The call-record lists take Prefer: odata.maxpagesize (documented on each of them); the server may send fewer.</summary>
    private void PreferPageSize(Microsoft.Kiota.Abstractions.RequestHeaders headers) =>
        headers.Add("Prefer", $"odata.maxpagesize={_options.PageSize.ToString(CultureInfo.InvariantCulture)}");

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Floored to the millisecond: what was read at the mark comes again and is dropped by the reader, never missed.</summary>
    private static string IsoMilliseconds(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
