namespace Outreach.Core.Sources;

/// <summary>
/// The source no longer recognises a stored cursor (Graph: 410 Gone / SyncStateNotFound after a long
/// pause). The scanner answers by starting that feed over with a full sync.
/// </summary>
public sealed class SyncCursorExpiredException(string stream, Exception? inner = null)
    : Exception($"The change cursor of '{stream}' has expired; a full sync is needed.", inner)
{
    public string Stream { get; } = stream;
}
