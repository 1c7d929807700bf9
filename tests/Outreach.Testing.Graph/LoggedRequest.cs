namespace Outreach.Testing.Graph;

/// <summary>One request the server answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Decoded path, e.g. <c>/v1.0/users/a@b.com/mailFolders/inbox/messages/delta</c>.</param>
/// <param name="Query">Decoded query parameters (repeated keys joined with ",").</param>
/// <param name="Mailbox">The user id or UPN from the path, as sent; null when the path names none.</param>
/// <param name="StatusCode">HTTP status returned.</param>
/// <param name="ResponseBytes">Length of the response body.</param>
/// <param name="HadBearerToken">Whether an <c>Authorization: Bearer ...</c> header was present.</param>
/// <param name="Prefer">Each preference from all Prefer headers, e.g. <c>odata.maxpagesize=50</c>.</param>
/// <param name="Select">
/// The $select in effect: from the query, or carried by a skip/delta token. Null when none.
/// Recorded even where Graph ignores it (calendarView delta).
/// </param>
/// <param name="StartedAt">When the request arrived.</param>
/// <param name="Duration">Time spent answering, including <see cref="GraphLoopbackServer.ResponseDelay"/>.</param>
public sealed record LoggedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? Mailbox,
    int StatusCode,
    long ResponseBytes,
    bool HadBearerToken,
    IReadOnlyList<string> Prefer,
    IReadOnlyList<string>? Select,
    DateTimeOffset StartedAt,
    TimeSpan Duration);
