namespace Outreach.Core.Sources;

/// <summary>
/// Counts the requests a source makes on behalf of one piece of work (a harvest), retries included,
/// without passing a counter through every call: the count flows with the async context.
/// </summary>
public static class SourceRequestMeter
{
    private static readonly AsyncLocal<Counter?> Current = new();

    /// <summary>Starts counting for the work that follows in this async flow; dispose to stop.</summary>
    public static Scope Begin()
    {
        var counter = new Counter();
        var previous = Current.Value;
        Current.Value = counter;
        return new Scope(counter, previous);
    }

    /// <summary>Called by a source for each request it sends.</summary>
    public static void Record()
    {
        if (Current.Value is { } counter) Interlocked.Increment(ref counter.Requests);
    }

    public sealed class Counter
    {
        internal int Requests;
    }

    public readonly struct Scope(Counter counter, Counter? previous) : IDisposable
    {
        public int Requests => Volatile.Read(ref counter.Requests);

        public void Dispose() => Current.Value = previous;
    }
}
