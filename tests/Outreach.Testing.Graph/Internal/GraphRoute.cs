namespace Outreach.Testing.Graph.Internal;

internal enum GraphEndpoint
{
    None,
    MessagesDelta,
    MessagesList,
    CalendarViewDelta,
    GroupUserMembers,
    User,
    MailboxSettings,
    CreateEvent,
    GetSchedule,
    SendMail,
    UserChats,
    ChatMessages,
    GetAllMessages,
    CallRecordsList,
    CallRecord,
    CallRecordParticipants,
    CallRecordSessions,
}

/// <summary>
/// The parsed request path. Graph matches segment names case-insensitively and accepts the delta
/// function both bare and called (<c>delta()</c>, which is what the Kiota-generated SDK sends), and
/// actions bare or namespace-qualified (the SDK sends the bare <c>getSchedule</c>, <c>sendMail</c>).
/// </summary>
/// <param name="Endpoint">Which endpoint matched, or None.</param>
/// <param name="Method">The one HTTP method the matched endpoint answers; any other is Graph's 405.</param>
/// <param name="UserId">The {id} of <c>/v1.0/users/{id}/...</c>, even when the rest did not match (for faults and the log).</param>
/// <param name="Folder">The mail folder of a message delta; the group id of a group's members; "calendar" for <c>/calendar/events</c>.</param>
/// <param name="UnmatchedSegment">For None: the segment Graph would name in "Resource not found for the segment".</param>
internal sealed record GraphRoute(GraphEndpoint Endpoint, string Method, string? UserId, string? Folder, string UnmatchedSegment)
{
    private const string Any = "*";
    private const string Delta = "delta";
    private const string GetSchedule = "getSchedule";
    private const string SendMail = "sendMail";
    private const string GetAllMessages = "getAllMessages";

    private static readonly (GraphEndpoint Endpoint, string Method, string[] Pattern)[] Routes =
    [
        (GraphEndpoint.MessagesDelta, "GET", ["v1.0", "users", Any, "mailFolders", Any, "messages", Delta]),
        (GraphEndpoint.MessagesList, "GET", ["v1.0", "users", Any, "mailFolders", Any, "messages"]),
        (GraphEndpoint.CalendarViewDelta, "GET", ["v1.0", "users", Any, "calendarView", Delta]),
        (GraphEndpoint.GroupUserMembers, "GET", ["v1.0", "groups", Any, "transitiveMembers", "microsoft.graph.user"]),
        (GraphEndpoint.User, "GET", ["v1.0", "users", Any]),
        (GraphEndpoint.MailboxSettings, "GET", ["v1.0", "users", Any, "mailboxSettings"]),
        (GraphEndpoint.CreateEvent, "POST", ["v1.0", "users", Any, "events"]),
        (GraphEndpoint.CreateEvent, "POST", ["v1.0", "users", Any, "calendar", "events"]),
        (GraphEndpoint.GetSchedule, "POST", ["v1.0", "users", Any, "calendar", GetSchedule]),
        (GraphEndpoint.SendMail, "POST", ["v1.0", "users", Any, SendMail]),
        (GraphEndpoint.GetAllMessages, "GET", ["v1.0", "users", Any, "chats", GetAllMessages]),
        (GraphEndpoint.GetAllMessages, "GET", ["v1.0", "chats", GetAllMessages]),
        (GraphEndpoint.UserChats, "GET", ["v1.0", "users", Any, "chats"]),
        (GraphEndpoint.ChatMessages, "GET", ["v1.0", "chats", Any, "messages"]),
        (GraphEndpoint.ChatMessages, "GET", ["v1.0", "users", Any, "chats", Any, "messages"]),
        (GraphEndpoint.CallRecordsList, "GET", ["v1.0", "communications", "callRecords"]),
        (GraphEndpoint.CallRecord, "GET", ["v1.0", "communications", "callRecords", Any]),
        (GraphEndpoint.CallRecordParticipants, "GET", ["v1.0", "communications", "callRecords", Any, "participants_v2"]),
        (GraphEndpoint.CallRecordSessions, "GET", ["v1.0", "communications", "callRecords", Any, "sessions"]),
    ];

    public static GraphRoute Parse(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var user = segments.Length > 2 && Is(segments[0], "v1.0") && Is(segments[1], "users") ? segments[2] : null;

        var bestMatched = 0;
        foreach (var (endpoint, method, pattern) in Routes)
        {
            var matched = MatchedPrefix(segments, pattern);
            if (matched == pattern.Length && segments.Length == pattern.Length)
            {
                var folder = endpoint switch
                {
                    GraphEndpoint.MessagesDelta or GraphEndpoint.MessagesList => segments[4],
                    GraphEndpoint.GroupUserMembers => segments[2], // the group id
                    GraphEndpoint.CreateEvent when segments.Length == 5 => "calendar", // POSTed to /calendar/events
                    GraphEndpoint.ChatMessages => segments[^2], // the chat id
                    GraphEndpoint.CallRecord or GraphEndpoint.CallRecordParticipants or GraphEndpoint.CallRecordSessions => segments[3],
                    _ => null,
                };
                return new GraphRoute(endpoint, method, user, folder, "");
            }

            bestMatched = Math.Max(bestMatched, matched);
        }

        // Graph names the first segment it could not resolve, or the last one when the path stops short.
        var unmatched = segments.Length == 0 ? "" : segments[Math.Min(bestMatched, segments.Length - 1)];
        return new GraphRoute(GraphEndpoint.None, "", user, null, unmatched);
    }

    private static int MatchedPrefix(string[] segments, string[] pattern)
    {
        var i = 0;
        while (i < segments.Length && i < pattern.Length && Matches(segments[i], pattern[i]))
        {
            i++;
        }

        return i;
    }

    private static bool Matches(string segment, string pattern) => pattern switch
    {
        Any => true,
        Delta => Is(segment, "delta") || Is(segment, "delta()") ||
                 Is(segment, "microsoft.graph.delta") || Is(segment, "microsoft.graph.delta()"),
        // Graph accepts a cast with or without the namespace; the SDK sends the short "graph.user".
        "microsoft.graph.user" => Is(segment, "microsoft.graph.user") || Is(segment, "graph.user"),
        GetSchedule or SendMail => Is(segment, pattern) || Is(segment, "microsoft.graph." + pattern),
        // A function: bare, called, or namespace-qualified.
        GetAllMessages => Is(segment, pattern) || Is(segment, pattern + "()") ||
                          Is(segment, "microsoft.graph." + pattern) || Is(segment, "microsoft.graph." + pattern + "()"),
        _ => Is(segment, pattern),
    };

    private static bool Is(string segment, string name) => segment.Equals(name, StringComparison.OrdinalIgnoreCase);
}
