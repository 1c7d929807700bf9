using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>GET /v1.0/users/{id}/calendarView/delta?startDateTime=...&amp;endDateTime=...</summary>
internal static class CalendarViewDeltaEndpoint
{
    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox, CalendarDeltaFaults faults)
    {
        var user = call.Route.UserId!;

        // "$select is not supported" on calendarView delta (https://learn.microsoft.com/graph/delta-query-events):
        // answered with a 400 so a client that sends it fails here rather than in production. The log shows it.
        call.Select = SelectProjection.Parse(call.Query("$select"));
        if (call.Select is not null)
        {
            throw new GraphErrorException(GraphError.SelectNotSupported());
        }

        var state = DeltaRound.Resolve(call, mailbox, DeltaState.EventKind, folder: null, () =>
        {
            // Only the first request names the window; the tokens carry it afterwards.
            if (!GraphDateTime.TryParseInstant(call.Query("startDateTime"), out var start) ||
                !GraphDateTime.TryParseInstant(call.Query("endDateTime"), out var end))
            {
                throw new GraphErrorException(GraphError.MissingTimeWindow());
            }

            return new DeltaState { Kind = DeltaState.EventKind, Mailbox = user, WindowStart = start, WindowEnd = end };
        });

        var windowStart = state.WindowStart ?? throw new GraphErrorException(GraphError.InvalidSyncState());
        var windowEnd = state.WindowEnd ?? throw new GraphErrorException(GraphError.InvalidSyncState());

        var pager = new DeltaPager(
            Entity: "event",
            LinkPath: $"users/{GraphCall.PathSegment(user)}/calendarView/delta",
            InScope: ev => EventWindow.Of(ev).Overlaps(windowStart, windowEnd),
            Project: InUtc);
        var skipToken = call.Query("$skiptoken");
        var requestLink = skipToken is null ? null : $"{call.BaseUrl}/{pager.LinkPath}?$skiptoken={skipToken}";
        return pager.Respond(call, mailbox, mailbox.Events, state, faults, requestLink);
    }

    /// <summary>Without Prefer: outlook.timezone Graph returns start and end in UTC.</summary>
    private static JsonObject InUtc(JsonObject ev)
    {
        var window = EventWindow.Of(ev);
        var copy = ev.DeepClone().AsObject();
        copy["start"] = GraphDateTime.ToUtcDateTimeTimeZone(window.Start);
        copy["end"] = GraphDateTime.ToUtcDateTimeTimeZone(window.End);
        return copy;
    }
}
