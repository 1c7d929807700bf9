using System.Text.Json.Nodes;

namespace Outreach.Testing.Graph.Internal;

/// <summary>Delta paging shared by messages and events: one page of changes plus a nextLink or deltaLink.</summary>
/// <param name="Entity">Graph's type name: "message" or "event".</param>
/// <param name="LinkPath">The endpoint path below the v1.0 root, for the links, e.g. "users/x/calendarView/delta".</param>
/// <param name="InScope">Whether a live item belongs in the result ($filter, calendar window).</param>
/// <param name="Project">The item as returned ($select, UTC times).</param>
internal sealed record DeltaPager(
    string Entity,
    string LinkPath,
    Func<JsonObject, bool> InScope,
    Func<JsonObject, JsonObject> Project)
{
    /// <param name="faults">Calendar faults to apply (oversized pages, duplicates, a repeated nextLink); null for none.</param>
    /// <param name="requestLink">The URL of this request when it was a follow-up, which a looping fault hands back as nextLink.</param>
    public GraphResponse Respond(GraphCall call, FakeMailbox mailbox, ChangeTrackedItems items, DeltaState state,
        CalendarDeltaFaults? faults = null, string? requestLink = null)
    {
        var pageSize = call.RequestedPageSize ?? state.PageSize;
        var served = pageSize * (faults?.PageFactor ?? 1);
        var duplicates = faults?.Duplicates ?? false;
        JsonArray value;
        DeltaState link;
        bool more;
        lock (mailbox.Gate)
        {
            (value, link, more) = NextPage(items, state with { PageSize = pageSize }, served, duplicates);
        }

        if (duplicates && value.Count > 0)
        {
            value.Add(value[0]!.DeepClone());
        }

        var url = $"{call.BaseUrl}/{LinkPath}?{(more ? "$skiptoken" : "$deltatoken")}={link.Encode()}";
        if (more && requestLink is not null && faults?.TakeLoop() == true)
        {
            url = requestLink;
        }

        // Graph puts the nextLink before the items and the deltaLink after them.
        var body = new JsonObject { ["@odata.context"] = $"{call.BaseUrl}/$metadata#Collection({Entity})" };
        if (more)
        {
            body["@odata.nextLink"] = url;
        }

        body["value"] = value;
        if (!more)
        {
            body["@odata.deltaLink"] = url;
        }

        var response = new GraphResponse(200, body, GraphResponse.ODataContentType);
        if (call.RequestedPageSize is { } applied)
        {
            response.Headers["Preference-Applied"] = $"odata.maxpagesize={applied}";
        }

        return response;
    }

    /// <summary>
    /// Walks the round's changes in sequence order from the cursor. Paging by sequence rather than by
    /// offset keeps pages stable while the mailbox changes: an item changed mid-round moves past the
    /// round's end and shows up in the next round instead of shifting later items.
    /// </summary>
    private (JsonArray Value, DeltaState Link, bool More) NextPage(ChangeTrackedItems items, DeltaState state, int served, bool repeatLast)
    {
        var pageSize = state.PageSize;
        var value = new JsonArray();
        var cursor = state.Cursor;
        var beforeLast = state.Cursor;
        var high = state.High ?? throw new InvalidOperationException("A round in progress has an upper bound.");
        foreach (var change in items.ChangedBetween(state.Cursor, high))
        {
            var live = change.Item is not null && InScope(change.Item);

            // A first sync lists what exists; later rounds report what vanished from view as removed.
            if (state.Initial && !live)
            {
                continue;
            }

            if (value.Count == served)
            {
                // Duplicates fault: the next page starts again with this page's last item.
                var resume = repeatLast && value.Count > 1 ? beforeLast : cursor;
                return (value, state with { Cursor = resume, PageSize = pageSize }, true);
            }

            value.Add(live ? Project(change.Item!) : Removed(change.Id));
            beforeLast = cursor;
            cursor = change.Sequence;
        }

        return (value, state with { Cursor = high, High = null, Initial = false, PageSize = pageSize }, false);
    }

    private JsonObject Removed(string id) => new()
    {
        ["@odata.type"] = $"#microsoft.graph.{Entity}",
        ["id"] = id,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };
}
