namespace Outreach.Testing.Graph.Internal;

/// <summary>A Graph error: HTTP status, error code and message, plus any headers it needs (Retry-After, ...).</summary>
internal sealed record GraphError(int Status, string Code, string Message)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static GraphError ResourceNotFound(string segment) =>
        new(404, "ResourceNotFound", $"Resource not found for the segment '{segment}'.");

    public static GraphError GroupNotFound(string groupId) => DirectoryObjectNotFound(groupId);

    /// <summary>What the directory (users, groups) says for an id it does not know; Outlook endpoints say ErrorInvalidUser instead.</summary>
    public static GraphError DirectoryObjectNotFound(string id) =>
        new(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    public static GraphError InvalidUser(string userId) =>
        new(404, "ErrorInvalidUser", $"The requested user '{userId}' is invalid.");

    public static GraphError FolderNotFound() =>
        new(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    public static GraphError MethodNotAllowed() =>
        new(405, "BadRequest", "Specified HTTP method is not allowed for the request target.");

    public static GraphError InvalidFilter() =>
        new(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");

    /// <summary>A query option Graph does not accept on this call, or a value out of its documented range.</summary>
    public static GraphError InvalidQuery(string message) => new(400, "ErrorInvalidUrlQuery", message);

    /// <summary>calendarView delta: "$select is not supported" (https://learn.microsoft.com/graph/delta-query-events).</summary>
    public static GraphError SelectNotSupported() =>
        new(400, "ErrorInvalidUrlQuery", "The query parameter '$select' is not supported with change tracking over the 'CalendarView' resource.");

    public static GraphError MissingTimeWindow() =>
        new(400, "ErrorInvalidParameter",
            "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");

    public static GraphError InvalidSyncState() =>
        new(400, "SyncStateNotFound", "The sync state is invalid or has expired; restart the sync without a token.");

    public static GraphError AccessDenied() =>
        new(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

    /// <summary>A POST body that is not JSON (Graph's wording).</summary>
    public static GraphError UnreadableJson() =>
        new(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");

    public static GraphError EmptyPayload() => new(400, "BadRequest", "Empty Payload. JSON content expected.");

    /// <summary>A property given a value its type cannot hold, e.g. onlineMeetingProvider "zoom" (type "microsoft.graph.onlineMeetingProviderType").</summary>
    public static GraphError InvalidLiteral(string value, string type) =>
        new(400, "BadRequest", $"Cannot convert the literal '{value}' to the expected type '{type}'.");

    /// <summary>Outlook's rejection of a well-formed body whose content makes no sense (missing or reversed times, ...).</summary>
    public static GraphError InvalidRequest(string message) => new(400, "ErrorInvalidRequest", message);

    public static GraphError TimeZoneNotSupported(string? name) =>
        new(400, "TimeZoneNotSupportedException",
            $"A valid TimeZone value must be specified. The following TimeZone value is not supported: '{name}'.");

    public static GraphError InvalidRecipients(string detail) =>
        new(400, "ErrorInvalidRecipients", $"At least one recipient isn't valid., {detail}");

    public static GraphError MissingToken() => new(401, "InvalidAuthenticationToken", "Access token is empty.")
    {
        // What Graph sends so a client can discover where to get a token.
        Headers = new Dictionary<string, string>
        {
            ["WWW-Authenticate"] =
                "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", " +
                "client_id=\"00000003-0000-0000-c000-000000000000\"",
        },
    };
}

/// <summary>Lets endpoint code stop at the first problem; the pipeline turns it into Graph's error response.</summary>
internal sealed class GraphErrorException(GraphError error) : Exception(error.Message)
{
    public GraphError Error { get; } = error;
}
