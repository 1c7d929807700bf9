namespace Outreach.Testing.Graph.Internal;

/// <summary>Decides which sync round a delta request belongs to: a new one, or one named by its token.</summary>
internal static class DeltaRound
{
    /// <summary>
    /// The state for this request, with <see cref="DeltaState.High"/> set. <paramref name="startNew"/>
    /// builds the query part of a first request (it may throw Graph errors for a bad query);
    /// a token that this server did not issue for this mailbox and collection is Graph's SyncStateNotFound.
    /// </summary>
    public static DeltaState Resolve(GraphCall call, FakeMailbox mailbox, string kind, string? folder, Func<DeltaState> startNew)
    {
        var skipToken = call.Query("$skiptoken");
        var deltaToken = call.Query("$deltatoken");
        var latest = mailbox.ChangeSequence;

        if (skipToken is null && deltaToken is null)
        {
            return startNew() with { Cursor = 0, High = latest, Initial = true };
        }

        var state = DeltaState.TryDecode(skipToken ?? deltaToken!);
        var isSkip = skipToken is not null;
        if (state is null ||
            state.Kind != kind ||
            !string.Equals(state.Mailbox, call.Route.UserId, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(state.Folder, folder, StringComparison.OrdinalIgnoreCase) ||
            isSkip != state.High.HasValue ||
            state.Cursor > latest ||
            state.High > latest)
        {
            throw new GraphErrorException(GraphError.InvalidSyncState());
        }

        // Using a deltatoken starts the next round: everything changed since it, up to now.
        return isSkip ? state : state with { High = latest, Initial = false };
    }
}
