using System.Runtime.CompilerServices;
using Outreach.Core.Imports;
using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;
using static Outreach.Core.Tests.Support.Build;

namespace Outreach.Core.Tests.Support;

/// <summary>Teams calls, chat messages and LinkedIn imports for rule and scanner tests (issue 13).</summary>
internal static class Teams
{
    public static MeetingRecord Call(string contact, double daysFromAsOf, bool video = true, int people = 2, string? id = null)
    {
        var start = AsOf.AddDays(daysFromAsOf);
        List<MeetingParticipant> participants =
        [
            new(Owner, "Avery", IsOrganizer: true, Declined: false),
            new(contact, "Contact", IsOrganizer: false, Declined: false),
        ];
        return new MeetingRecord(id ?? NextId("call:"), start, start.AddMinutes(30), false, false,
            video ? MeetingMedium.Video : MeetingMedium.Voice, people, participants);
    }

    /// <summary>A message in a chat between the owner and <paramref name="others"/>, from <paramref name="from"/>.</summary>
    public static ChatMessageRecord Chat(string chatId, string from, double daysAgo, string[] others, string? id = null) =>
        new(id ?? NextId("msg"), chatId, AsOf.AddDays(-daysAgo), new EmailParticipant(from, null),
            [new EmailParticipant(Owner, "Avery"), .. others.Select(o => new EmailParticipant(o, null))]);

    public static ImportedActivity LinkedIn(string contactKey, string? email, string? profileUrl, params (double DaysAgo, TextDirection Direction)[] messages) =>
        new(
            [new ImportedContact(contactKey, email, profileUrl, "From LinkedIn", null)],
            [.. messages.Select((m, i) => (TextChannel.LinkedIn, new ImportedMessage(
                contactKey, TextTouchpoint.Key($"{contactKey}#{i}"), TextTouchpoint.Key(contactKey), AsOf.AddDays(-m.DaysAgo), m.Direction)))]);
}

/// <summary>An ITeamsReader serving fixed calls and chat items, one page each, counting what it is asked.</summary>
internal sealed class FakeTeamsReader : ITeamsReader
{
    public List<MeetingRecord> Calls { get; } = [];

    public List<TeamsChatItem> ChatItems { get; } = [];

    public List<(string Feed, string? Cursor, DateTimeOffset Since)> Asked { get; } = [];

    public async IAsyncEnumerable<ChangePage<MeetingRecord>> ReadCallsAsync(
        string mailbox, string? cursor, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (Asked) Asked.Add(("calls", cursor, since));
        yield return new ChangePage<MeetingRecord>([.. Calls], [], "calls-cursor-" + Asked.Count, IsFinal: true);
    }

    public async IAsyncEnumerable<ChangePage<TeamsChatItem>> ReadChatsAsync(
        string mailbox, string? cursor, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (Asked) Asked.Add(("chats", cursor, since));
        yield return new ChangePage<TeamsChatItem>([.. ChatItems], [], "chats-cursor-" + Asked.Count, IsFinal: true);
    }
}

/// <summary>An import store holding one mailbox's activity in memory, counting loads and erasures.</summary>
internal sealed class FakeImportStore(ImportedActivity activity) : IImportStore
{
    public int Loads;

    public List<string> Erased { get; } = [];

    public Task<ImportMergeResult> MergeAsync(string mailbox, ImportBatch batch, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<ImportedActivity> LoadAsync(string mailbox, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Loads);
        return Task.FromResult(Erased.Contains(mailbox) ? ImportedActivity.Empty : activity);
    }

    public Task EraseAsync(string mailbox, CancellationToken cancellationToken)
    {
        Erased.Add(mailbox);
        return Task.CompletedTask;
    }
}
