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
    private readonly InFlightCounter _allInFlight = new();
    private int _keepEntries = 1;
    private long _count;
    private long _bytes;
    private long _firstStartTicks = long.MaxValue;
    private long _lastEndTicks = long.MinValue;

    /// <summary>
    /// Whether <see cref="Entries"/> keeps every request (the default). Off, only the counts, bytes and
    /// concurrency peaks are kept: a load run of a million requests then costs no memory here.
    /// </summary>
    public bool KeepEntries
    {
        get => Volatile.Read(ref _keepEntries) == 1;
        set => Volatile.Write(ref _keepEntries, value ? 1 : 0);
    }

    /// <summary>Number of requests answered.</summary>
    public int Count => (int)Interlocked.Read(ref _count);

    /// <summary>Response body bytes of every request answered (uncompressed, errors included).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>From the first request's arrival to the last answer; zero when none was answered.</summary>
    public TimeSpan ActiveTime =>
        Interlocked.Read(ref _lastEndTicks) is var end && Interlocked.Read(ref _firstStartTicks) is var start && end >= start
            ? TimeSpan.FromTicks(end - start)
            : TimeSpan.Zero;

    /// <summary>The most requests being handled at the same moment, over all mailboxes.</summary>
    public int MaxConcurrent => Volatile.Read(ref _allInFlight.Max);

    /// <summary>The most requests for any one mailbox being handled at the same moment.</summary>
    public int MaxConcurrentAnyMailbox => _inFlight.Values.Select(c => Volatile.Read(ref c.Max)).DefaultIfEmpty(0).Max();

    /// <summary>Per mailbox (as named in the path): requests answered and the most in flight at once.</summary>
    public IReadOnlyDictionary<string, (long Requests, int MaxConcurrent)> PerMailbox =>
        _inFlight.ToDictionary(p => p.Key, p => (Interlocked.Read(ref p.Value.Requests), Volatile.Read(ref p.Value.Max)), StringComparer.OrdinalIgnoreCase);

    /// <summary>A snapshot of all entries, oldest first.</summary>
    public IReadOnlyList<LoggedRequest> Entries
    {
        get { lock (_gate) { return [.. _entries]; } }
    }

    /// <summary>Requests answered for a mailbox (case-insensitive).</summary>
    public int CountFor(string mailbox) =>
        _inFlight.TryGetValue(mailbox, out var counter) ? (int)Interlocked.Read(ref counter.Requests) : 0;

    /// <summary>
    /// The most requests for a mailbox that were being handled at the same moment (including
    /// <see cref="GraphLoopbackServer.ResponseDelay"/>) since the server started or the last <see cref="Clear"/>.
    /// </summary>
    public int MaxConcurrentFor(string mailbox) =>
        _inFlight.TryGetValue(mailbox, out var counter) ? Volatile.Read(ref counter.Max) : 0;

    /// <summary>Forgets all entries, counts, bytes and concurrency peaks.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }

        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _firstStartTicks, long.MaxValue);
        Interlocked.Exchange(ref _lastEndTicks, long.MinValue);

        // Requests still in flight keep counting; the peak restarts from them.
        foreach (var counter in _inFlight.Values.Append(_allInFlight))
        {
            Interlocked.Exchange(ref counter.Requests, 0);
            Volatile.Write(ref counter.Max, Volatile.Read(ref counter.Current));
        }
    }

    internal void Add(LoggedRequest entry)
    {
        if (KeepEntries)
        {
            lock (_gate)
            {
                _entries.Add(entry);
            }
        }

        Tally(entry.Mailbox, entry.ResponseBytes, entry.StartedAt, entry.Duration);
    }

    /// <summary>Counts an answered request without keeping an entry (see <see cref="KeepEntries"/>).</summary>
    internal void Tally(string? mailbox, long responseBytes, DateTimeOffset startedAt, TimeSpan duration)
    {
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytes, responseBytes);
        if (mailbox is not null)
        {
            Interlocked.Increment(ref _inFlight.GetOrAdd(mailbox, _ => new InFlightCounter()).Requests);
        }

        Lower(ref _firstStartTicks, startedAt.UtcTicks);
        Raise(ref _lastEndTicks, (startedAt + duration).UtcTicks);
    }

    /// <summary>
    /// Marks a request (for <paramref name="mailbox"/>, when the path names one) as in flight until the result
    /// is disposed; the result says how many of the mailbox's requests are in flight now, this one included.
    /// </summary>
    internal InFlightScope Enter(string? mailbox)
    {
        Enter(_allInFlight);
        if (mailbox is null)
        {
            return new InFlightScope(_allInFlight, null, 0);
        }

        var counter = _inFlight.GetOrAdd(mailbox, _ => new InFlightCounter());
        return new InFlightScope(_allInFlight, counter, Enter(counter));
    }

    private static int Enter(InFlightCounter counter)
    {
        var now = Interlocked.Increment(ref counter.Current);
        int peak;
        while (now > (peak = Volatile.Read(ref counter.Max)) &&
               Interlocked.CompareExchange(ref counter.Max, now, peak) != peak)
        {
            // Another request raised the peak meanwhile; compare again.
        }

        return now;
    }

    private static void Lower(ref long field, long value)
    {
        long seen;
        while (value < (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen)
        {
            // Another request moved it meanwhile; compare again.
        }
    }

    private static void Raise(ref long field, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen)
        {
            // Another request moved it meanwhile; compare again.
        }
    }

    internal sealed class InFlightCounter
    {
        public int Current;
        public int Max;
        public long Requests;
    }

    internal readonly struct InFlightScope(InFlightCounter all, InFlightCounter? counter, int current) : IDisposable
    {
        /// <summary>The mailbox's requests in flight when this one entered, itself included (0 without a mailbox).</summary>
        public int Current { get; } = current;

        public void Dispose()
        {
            Interlocked.Decrement(ref all.Current);
            if (counter is not null)
            {
                Interlocked.Decrement(ref counter.Current);
            }
        }
    }
}
