using Outreach.Core.Touchpoints;

namespace Outreach.Core.Sources;

/// <summary>
/// One Teams chat message, reduced to what the rules need: never its content. <paramref name="Members"/> are the
/// chat's members (the owner among them) when the message was read; a message from the owner is a sent touchpoint
/// to every other member, one from a member a received one. Only <c>oneOnOne</c> and <c>group</c> chats with at
/// most 8 members are read.
/// </summary>
public sealed record ChatMessageRecord(
    string Id,
    string ChatId,
    DateTimeOffset At,
    EmailParticipant? From,
    IReadOnlyList<EmailParticipant> Members);

/// <summary>One item of the chat feed: a message, or a call that a "call ended" system message reports.</summary>
public sealed record TeamsChatItem(ChatMessageRecord? Message, MeetingRecord? Call);

/// <summary>
/// Reads one owner's Teams activity (issue 13) as change feeds, like <see cref="IMailboxReader"/>: given no cursor
/// a feed starts at <c>since</c>; given the cursor of a page it continues from there. Calls come as
/// <see cref="MeetingRecord"/>s (a call with video is <see cref="MeetingMedium.Video"/>, audio only
/// <see cref="MeetingMedium.Voice"/>), with ids prefixed so they never collide with calendar event ids.
/// </summary>
public interface ITeamsReader
{
    /// <summary>Call records in which the owner took part (Graph keeps them 30 days).</summary>
    IAsyncEnumerable<ChangePage<MeetingRecord>> ReadCallsAsync(
        string mailbox, string? cursor, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Messages of the owner's small chats modified since the cursor (or <c>since</c>).</summary>
    IAsyncEnumerable<ChangePage<TeamsChatItem>> ReadChatsAsync(
        string mailbox, string? cursor, DateTimeOffset since, CancellationToken cancellationToken);
}
