using System.Globalization;

namespace Outreach.Testing.Graph.Internal;

/// <summary>
/// GET /v1.0/users/{id}/mailFolders/{folder}/messages/delta, with the documented limits of
/// https://learn.microsoft.com/graph/delta-query-messages and https://learn.microsoft.com/graph/api/message-delta:
/// $filter only <c>receivedDateTime ge|gt</c>; $orderby only <c>receivedDateTime desc</c>; a filtered delta
/// returns only up to 5,000 messages; the page size is <c>Prefer: odata.maxpagesize</c>, never $top.
/// </summary>
internal static class MessageDeltaEndpoint
{
    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox, MessageDeltaLimits limits)
    {
        var user = call.Route.UserId!;
        var folder = call.Route.Folder!;
        ChangeTrackedItems? items;
        lock (mailbox.Gate)
        {
            items = mailbox.FolderOrNull(folder);
        }

        if (items is null)
        {
            throw new GraphErrorException(GraphError.FolderNotFound());
        }

        var state = DeltaRound.Resolve(call, mailbox, DeltaState.MessageKind, folder, () =>
        {
            var filter = call.Query("$filter");
            var parsed = ReceivedDateTimeFilter.Parse(filter); // Graph rejects an unsupported filter on the first request.
            ValidateOrderBy(call.Query("$orderby"));
            var top = Top(call.Query("$top"));

            // The cap: a filtered delta lists at most 5,000 messages; $top limits the round's total, not a page.
            int? cap = parsed is null ? null : limits.FilteredCap;
            if (top is { } t)
            {
                cap = Math.Min(cap ?? int.MaxValue, t);
            }

            DeltaCapCutoff? cutoff = null;
            if (cap is { } limit)
            {
                lock (mailbox.Gate)
                {
                    cutoff = DeltaCap.Cutoff(items.Live.Where(m => parsed?.Matches(m) ?? true), limit, limits.Choice);
                }
            }

            return new DeltaState
            {
                Kind = DeltaState.MessageKind,
                Mailbox = user,
                Folder = folder,
                Select = call.Query("$select"),
                Filter = filter,
                Cap = cutoff,
            };
        });

        // Follow-up requests take $select and $filter from the token, as Graph does.
        var filter = ReceivedDateTimeFilter.Parse(state.Filter);
        var select = SelectProjection.Parse(state.Select);
        call.Select = select;

        // The cap only thins the initial listing; later rounds report every change in scope.
        var cap = state.Initial ? state.Cap : null;
        var pager = new DeltaPager(
            Entity: "message",
            LinkPath: $"users/{GraphCall.PathSegment(user)}/mailFolders/{GraphCall.PathSegment(folder)}/messages/delta",
            InScope: message => (filter?.Matches(message) ?? true) && (cap?.Keeps(message) ?? true),
            Project: message => SelectProjection.Project(message, select));
        return pager.Respond(call, mailbox, items, state);
    }

    /// <summary>"The only supported $orderby expression is $orderby=receivedDateTime+desc" (delta-query-messages).</summary>
    private static void ValidateOrderBy(string? orderBy)
    {
        if (orderBy is null)
        {
            return;
        }

        var parts = orderBy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("receivedDateTime", StringComparison.OrdinalIgnoreCase) ||
            !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase))
        {
            throw new GraphErrorException(GraphError.InvalidQuery(
                $"The $orderby expression '{orderBy}' is not supported on message delta; only 'receivedDateTime desc' is."));
        }
    }

    private static int? Top(string? top)
    {
        if (top is null)
        {
            return null;
        }

        return int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new GraphErrorException(GraphError.InvalidQuery($"'{top}' is not a valid value for $top."));
    }
}
