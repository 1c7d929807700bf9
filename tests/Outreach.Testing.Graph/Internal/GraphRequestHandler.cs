using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// The whole request pipeline: Outlook's limits (decided on arrival), delay, body, bearer check, limits, faults,
/// routing, mailbox lookup (a generated mailbox first), endpoint; then log and write. The answer is complete before it is logged and written, so a client never sees a
/// response whose log entry or in-flight count is not yet settled.
/// </summary>
internal sealed class GraphRequestHandler(GraphLoopbackServer server)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();

        // Graph echoes the client's correlation id, and makes its own request id.
        var requestId = Guid.NewGuid().ToString();
        var clientRequestId = request.Headers["client-request-id"].ToString() is { Length: > 0 } sent ? sent : requestId;

        var route = GraphRoute.Parse(request.Path.Value);
        var preferences = PreferHeader.Preferences(request.Headers["Prefer"]);
        var hasBearer = HasBearerToken(request.Headers.Authorization.ToString());
        var call = new GraphCall(request, route, server.BaseUrl, preferences);

        GraphResponse response;
        using (var inFlight = server.Requests.Enter(route.UserId))
        {
            // On arrival, as Outlook counts: the window and the requests in flight as this one comes in.
            var overLimit = server.Outlook.Admit(route.UserId, started, inFlight.Current);
            var delay = server.ResponseDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            call.Body = await ReadBodyAsync(request, context.RequestAborted);

            try
            {
                response = Answer(call, request.Method, request.Path.Value ?? "", hasBearer, overLimit);
            }
            catch (GraphErrorException ex)
            {
                response = GraphResponse.Error(ex.Error, requestId, clientRequestId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug in the fake should read as a Graph 500 with the reason, not a dropped connection.
                var error = new GraphError(500, "UnknownError", $"{ex.GetType().Name}: {ex.Message}");
                response = GraphResponse.Error(error, requestId, clientRequestId);
            }
        }

        if (!server.Requests.KeepEntries)
        {
            // A load run: counts only, without building an entry per request.
            server.Requests.Tally(route.UserId, response.Body.Length, startedAt, Stopwatch.GetElapsedTime(started));
        }
        else
        {
            server.Requests.Add(new LoggedRequest(
                request.Method,
                request.Path.Value ?? "",
                request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                route.UserId,
                response.Status,
                response.Body.Length,
                hasBearer,
                preferences,
                call.Select,
                startedAt,
                Stopwatch.GetElapsedTime(started)));
        }

        await WriteAsync(context, response, requestId, clientRequestId);
    }

    private GraphResponse Answer(GraphCall call, string method, string path, bool hasBearer, GraphError? overLimit)
    {
        if (!hasBearer)
        {
            throw new GraphErrorException(GraphError.MissingToken());
        }

        if (overLimit is not null)
        {
            throw new GraphErrorException(overLimit);
        }

        if (server.Faults.Check(call.Route.UserId) is { } fault)
        {
            throw new GraphErrorException(fault);
        }

        if (call.Route.UserId is { } generatedId && server.FindGenerated(generatedId) is { } generated)
        {
            return GeneratedMailboxEndpoint.Handle(call, method, path, generated, server.MessageDelta);
        }

        if (call.Route.Endpoint == GraphEndpoint.None)
        {
            throw new GraphErrorException(GraphError.ResourceNotFound(call.Route.UnmatchedSegment));
        }

        if (!HttpMethods.Equals(method, call.Route.Method))
        {
            throw new GraphErrorException(GraphError.MethodNotAllowed());
        }

        if (call.Route.Endpoint == GraphEndpoint.GroupUserMembers)
        {
            var group = server.FindGroup(call.Route.Folder!) ?? throw new GraphErrorException(GraphError.GroupNotFound(call.Route.Folder!));
            return GroupMembersEndpoint.Handle(call, group);
        }

        switch (call.Route.Endpoint)
        {
            case GraphEndpoint.GetAllMessages: return ChatsEndpoint.GetAllMessages(server.Teams);
            case GraphEndpoint.ChatMessages: return ChatsEndpoint.ListMessages(call, server.Teams);
            case GraphEndpoint.CallRecordsList: return CallRecordsEndpoint.List(call, server.Teams);
            case GraphEndpoint.CallRecord: return CallRecordsEndpoint.Get(call, server.Teams);
            case GraphEndpoint.CallRecordParticipants: return CallRecordsEndpoint.Participants(call, server.Teams);
            case GraphEndpoint.CallRecordSessions: return CallRecordsEndpoint.Sessions(call, server.Teams);
        }

        var userId = call.Route.UserId!;
        if (call.Route.Endpoint == GraphEndpoint.User)
        {
            // The directory, not Outlook, answers for the user itself, with its own 404: a mailbox owner, or any other directory user.
            if (server.FindMailbox(userId) is { } owner) return UserEndpoint.Handle(call, owner);
            return UserEndpoint.Handle(call, server.Teams.FindUser(userId) ?? throw new GraphErrorException(GraphError.DirectoryObjectNotFound(userId)));
        }

        if (call.Route.Endpoint == GraphEndpoint.UserChats)
        {
            var objectId = server.FindMailbox(userId)?.ObjectId ?? (string?)server.Teams.FindUser(userId)?["id"]
                ?? throw new GraphErrorException(GraphError.DirectoryObjectNotFound(userId));
            return ChatsEndpoint.ListChats(call, server.Teams, objectId);
        }

        var mailbox = server.FindMailbox(userId) ?? throw new GraphErrorException(GraphError.InvalidUser(userId));
        return call.Route.Endpoint switch
        {
            GraphEndpoint.MessagesDelta => MessageDeltaEndpoint.Handle(call, mailbox, server.MessageDelta),
            GraphEndpoint.MessagesList => MessageListEndpoint.Handle(call, mailbox),
            GraphEndpoint.CalendarViewDelta => CalendarViewDeltaEndpoint.Handle(call, mailbox, server.Faults.Calendar),
            GraphEndpoint.MailboxSettings => MailboxSettingsEndpoint.Handle(call, mailbox),
            GraphEndpoint.CreateEvent => CreateEventEndpoint.Handle(call, mailbox),
            GraphEndpoint.GetSchedule => GetScheduleEndpoint.Handle(call, server.FindMailbox),
            GraphEndpoint.SendMail => SendMailEndpoint.Handle(call, mailbox),
            _ => throw new GraphErrorException(GraphError.ResourceNotFound(call.Route.UnmatchedSegment)),
        };
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>Any non-empty bearer token is accepted; the fake checks presence, not validity.</summary>
    private static bool HasBearerToken(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
        authorization["Bearer ".Length..].Trim().Length > 0;

    private static async Task WriteAsync(HttpContext context, GraphResponse response, string requestId, string clientRequestId)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        if (response.ContentType is not null)
        {
            http.ContentType = response.ContentType;
        }

        http.ContentLength = response.Body.Length;
        http.Headers["request-id"] = requestId;
        http.Headers["client-request-id"] = clientRequestId;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        await http.Body.WriteAsync(response.Body, context.RequestAborted);
    }
}
