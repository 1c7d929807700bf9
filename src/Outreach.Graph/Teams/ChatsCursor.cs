using System.Globalization;
using Outreach.Core.Sources;

namespace Outreach.Graph.Teams;

/// <summary>
/// Per-chat high-water marks: the newest lastModifiedDateTime read in each chat (Graph's clock), advanced only once a
/// chat's new messages were all read, so a crash re-reads that chat instead of skipping its older pages.
/// Written <c>chats1|{chat id}={ticks} ...</c>; Teams chat ids (<c>19:...@thread.v2</c>, <c>19:..._...@unq.gbl.spaces</c>)
/// hold neither ' ' nor '='; an id that did would simply not be remembered (its chat is read from <c>since</c> each run).
/// </summary>
internal sealed class ChatsCursor
{
    private const string Prefix = "chats1|";
    private readonly Dictionary<string, DateTimeOffset> _marks = new(StringComparer.Ordinal);

    public DateTimeOffset? MarkOf(string chatId) => _marks.TryGetValue(chatId, out var mark) ? mark : null;

    public void Advance(string chatId, DateTimeOffset mark)
    {
        if (chatId.Contains(' ', StringComparison.Ordinal) || chatId.Contains('=', StringComparison.Ordinal) || chatId.Contains('|', StringComparison.Ordinal)) return;
        if (!_marks.TryGetValue(chatId, out var known) || mark > known) _marks[chatId] = mark;
    }

    public override string ToString() =>
        Prefix + string.Join(' ', _marks.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => m.Key + "=" + m.Value.UtcTicks.ToString(CultureInfo.InvariantCulture)));

    public static ChatsCursor Parse(string? cursor, string stream)
    {
        var parsed = new ChatsCursor();
        if (cursor is null) return parsed;
        if (!cursor.StartsWith(Prefix, StringComparison.Ordinal)) throw Bad(stream);
        foreach (var entry in cursor[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = entry.LastIndexOf('=');
            if (at <= 0 || !long.TryParse(entry.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw Bad(stream);
            }

            parsed._marks[entry[..at]] = new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        return parsed;
    }

    private static SyncCursorExpiredException Bad(string stream) =>
        new(stream, new FormatException($"The stored {stream} cursor is not one this reader wrote."));
}
