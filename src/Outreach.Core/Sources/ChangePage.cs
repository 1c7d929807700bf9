namespace Outreach.Core.Sources;

/// <summary>
/// One page of a change feed (a Graph delta round). <paramref name="Cursor"/> is where to continue:
/// the next page while <paramref name="IsFinal"/> is false, else where the next incremental run starts.
/// Cursors are opaque; only the source that made one reads it. <paramref name="IncompleteReason"/>, when set,
/// says in words why the feed could not read everything it should have (the scan then reports itself incomplete).
/// </summary>
public sealed record ChangePage<T>(IReadOnlyList<T> Items, IReadOnlyList<string> RemovedIds, string Cursor, bool IsFinal, string? IncompleteReason = null);
