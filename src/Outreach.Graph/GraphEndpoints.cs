namespace Outreach.Graph;

/// <summary>
/// A Graph request's endpoint as a short, low-cardinality name for telemetry ("messages.delta",
/// "calendarView.delta", "sendMail", "events", "getSchedule"): the path's words that are in a fixed vocabulary,
/// joined by dots. Anything else in the path (a mailbox, a user or message id, a folder name) is left out,
/// so the name can never carry an address or an id whatever the URL holds.
/// </summary>
internal static class GraphEndpoints
{
    /// <summary>Words that name a resource or an action; kept in the name, spelled as Graph documents them.</summary>
    private static readonly Dictionary<string, string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        ["messages"] = "messages",
        ["delta"] = "delta",
        ["calendarView"] = "calendarView",
        ["events"] = "events",
        ["instances"] = "instances",
        ["sendMail"] = "sendMail",
        ["mailboxSettings"] = "mailboxSettings",
        ["getSchedule"] = "getSchedule",
        ["transitiveMembers"] = "transitiveMembers",
        ["members"] = "members",
        ["chats"] = "chats",
        ["getAllMessages"] = "getAllMessages",
        ["onlineMeetings"] = "onlineMeetings",
        ["$batch"] = "$batch",
    };

    /// <summary>Containers on the way to a resource: left out of the name, unless nothing else is named ("users": a profile read).</summary>
    private static readonly Dictionary<string, string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["users"] = "users",
        ["me"] = "me",
        ["groups"] = "groups",
        ["mailFolders"] = "mailFolders",
        ["calendar"] = "calendar",
    };

    /// <summary>The endpoint name of <paramref name="uri"/>; "other" when no word of the path is known.</summary>
    public static string NameOf(Uri? uri)
    {
        if (uri is null) return "other";
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        var named = new List<string>();
        string? container = null;
        foreach (var raw in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            // "mailFolders('inbox')" and "users('…')": the key in parentheses is data, the word before it is not.
            var segment = Uri.UnescapeDataString(raw);
            var open = segment.IndexOf('(', StringComparison.Ordinal);
            if (open >= 0) segment = segment[..open];
            if (Named.TryGetValue(segment, out var word)) named.Add(word);
            else if (Containers.TryGetValue(segment, out var root)) container = root;
        }

        return named.Count > 0 ? string.Join('.', named) : container ?? "other";
    }
}
