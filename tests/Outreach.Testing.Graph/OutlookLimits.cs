using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Outreach.Testing.Graph.Internal;

namespace Outreach.Testing.Graph;

/// <summary>
/// Outlook's per-app, per-mailbox limits: "4 concurrent requests" and "10,000 API requests in a 10 minute
/// period" (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits). The server always
/// records, per mailbox, the most requests that arrived within any 10 minutes; with <see cref="Enforce"/> on it
/// answers a request beyond either limit with 429, Graph's throttling body and a Retry-After (1 s for
/// concurrency; for the window, until its oldest request leaves it). Every request that arrives counts against
/// the window, answered or not. Off by default; thread-safe.
/// </summary>
public sealed class OutlookLimits
{
    public const int ConcurrentRequests = 4;

    public const int RequestsPerWindow = 10_000;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private ConcurrentDictionary<string, Queue<long>> _windows = new(StringComparer.OrdinalIgnoreCase);
    private ConcurrentDictionary<string, int> _mostPerWindow = new(StringComparer.OrdinalIgnoreCase);
    private long _throttled;
    private int _enforce;

    /// <summary>Answer requests beyond the limits with 429 + Retry-After.</summary>
    public bool Enforce
    {
        get => Volatile.Read(ref _enforce) == 1;
        set => Volatile.Write(ref _enforce, value ? 1 : 0);
    }

    /// <summary>Requests answered 429 because a mailbox was over a limit, since the last <see cref="Clear"/>.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Per mailbox (as named in the path): the most requests that arrived within any 10 minutes.</summary>
    public IReadOnlyDictionary<string, int> MostPerWindow => _mostPerWindow.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Forgets the windows, peaks and the throttled count (not <see cref="Enforce"/>).</summary>
    public void Clear()
    {
        _windows = new(StringComparer.OrdinalIgnoreCase);
        _mostPerWindow = new(StringComparer.OrdinalIgnoreCase);
        Interlocked.Exchange(ref _throttled, 0);
    }

    /// <summary>
    /// Counts a request that arrived at <paramref name="arrived"/> (a <see cref="Stopwatch"/> timestamp) for
    /// <paramref name="mailbox"/>, with <paramref name="inFlight"/> of its requests now in flight (itself included);
    /// the error to answer when it is over a limit and the limits are enforced.
    /// </summary>
    internal GraphError? Admit(string? mailbox, long arrived, int inFlight)
    {
        if (mailbox is null)
        {
            return null;
        }

        var window = _windows.GetOrAdd(mailbox, _ => new Queue<long>());
        var enforce = Enforce;
        TimeSpan? wait = null;
        lock (window)
        {
            var horizon = arrived - (long)(Window.TotalSeconds * Stopwatch.Frequency);
            while (window.Count > 0 && window.Peek() <= horizon)
            {
                window.Dequeue();
            }

            if (enforce && window.Count >= RequestsPerWindow)
            {
                wait = Stopwatch.GetElapsedTime(horizon, window.Peek());
            }

            window.Enqueue(arrived);
            _mostPerWindow.AddOrUpdate(mailbox, window.Count, (_, most) => Math.Max(most, window.Count));
        }

        if (enforce && wait is null && inFlight > ConcurrentRequests)
        {
            wait = TimeSpan.FromSeconds(1);
        }

        if (wait is not { } retryAfter)
        {
            return null;
        }

        Interlocked.Increment(ref _throttled);
        return new GraphError(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.")
        {
            Headers = new Dictionary<string, string>
            {
                ["Retry-After"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            },
        };
    }
}
