namespace Outreach.Testing.Graph.Internal;

/// <summary>GET /v1.0/users/{id}/mailFolders/{folder}/messages/delta</summary>
internal static class MessageDeltaEndpoint
{
    public static GraphResponse Handle(GraphCall call, FakeMailbox mailbox)
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
            _ = ReceivedDateTimeFilter.Parse(filter); // Graph rejects an unsupported filter on the first request.
            return new DeltaState
            {
                Kind = DeltaState.MessageKind,
                Mailbox = user,
                Folder = folder,
                Select = call.Query("$select"),
                Filter = filter,
            };
        });

        // Follow-up requests take $select and $filter from the token, as Graph does.
        var filter = ReceivedDateTimeFilter.Parse(state.Filter);
        var select = SelectProjection.Parse(state.Select);
        call.Select = select;

        var pager = new DeltaPager(
            Entity: "message",
            LinkPath: $"users/{GraphCall.PathSegment(user)}/mailFolders/{GraphCall.PathSegment(folder)}/messages/delta",
            InScope: message => filter?.Matches(message) ?? true,
            Project: message => SelectProjection.Project(message, select));
        return pager.Respond(call, mailbox, items, state);
    }
}
