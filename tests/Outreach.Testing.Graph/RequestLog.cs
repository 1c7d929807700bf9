using System.Collections.Concurrent;

namespace Outreach.Testing.Graph;

/// <summary>
/// What the server was asked, and how many requests per mailbox were in flight at once. Entries are
/// added before the response is written, so a client that has its answer can already see it here.
/// Thread-safe.
/// </summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<LoggedRequest> _entries = [];
    private readonly ConcurrentDictionary<string, InFlightCounter> _inFlight = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Number of requests answered.</summary>
    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    /// <summary>A snapshot of all entries, oldest first.</summary>
    public IReadOnlyList<LoggedRequest> Entries
    {
        get { lock (_gate) { return [.. _entries]; } }
    }

    /// <summary>Requests answered for a mailbox (case-insensitive).</summary>
    public int CountFor(string mailbox)
    {
        lock (_gate)
        {
            return _entries.Count(e => string.Equals(e.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// The most requests for a mailbox that were being handled at the same moment (including
    /// <see cref="GraphLoopbackServer.ResponseDelay"/>) since the server started or the last <see cref="Clear"/>.
    /// </summary>
    public int MaxConcurrentFor(string mailbox) =>
        _inFlight.TryGetValue(mailbox, out var counter) ? Volatile.Read(ref counter.Max) : 0;

    /// <summary>Forgets all entries and concurrency peaks.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }

        // Requests still in flight keep counting; the peak restarts from them.
        foreach (var counter in _inFlight.Values)
        {
            Volatile.Write(ref counter.Max, Volatile.Read(ref counter.Current));
        }
    }

    internal void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>Marks a request for <paramref name="mailbox"/> as in flight until the result is disposed.</summary>
    internal InFlightScope Enter(string? mailbox)
    {
        if (mailbox is null)
        {
            return default;
        }

        var counter = _inFlight.GetOrAdd(mailbox, _ => new InFlightCounter());
        var now = Interlocked.Increment(ref counter.Current);
        int peak;
        while (now > (peak = Volatile.Read(ref counter.Max)) &&
               Interlocked.CompareExchange(ref counter.Max, now, peak) != peak)
        {
            // Another request raised the peak meanwhile; compare again.
        }

        return new InFlightScope(counter);
    }

    internal sealed class InFlightCounter
    {
        public int Current;
        public int Max;
    }

    internal readonly struct InFlightScope(InFlightCounter? counter) : IDisposable
    {
        public void Dispose()
        {
            if (counter is not null)
            {
                Interlocked.Decrement(ref counter.Current);
            }
        }
    }
}
