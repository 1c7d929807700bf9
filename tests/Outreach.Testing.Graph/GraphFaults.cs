using System.Globalization;
using Outreach.Testing.Graph.Internal;

namespace Outreach.Testing.Graph;

/// <summary>
/// Makes the server answer like a throttled or failing Graph. Rules apply after the bearer check, in
/// this order: a mailbox's permanent failure, then one-shot throttles, then every-n-th throttles.
/// Thread-safe.
/// </summary>
public sealed class GraphFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, GraphError> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CountedThrottle> _throttles = [];
    private readonly List<PeriodicThrottle> _periodicThrottles = [];
    private long _throttled;

    /// <summary>calendarView/delta misbehaviour: repeated nextLinks, oversized pages, duplicate ids.</summary>
    public CalendarDeltaFaults Calendar { get; } = new();

    /// <summary>
    /// The next <paramref name="count"/> requests (for <paramref name="mailbox"/>, or any when null) get
    /// <paramref name="status"/> with a Retry-After header and Graph's throttling error body.
    /// </summary>
    public void Throttle(int count, int status = 429, int retryAfterSeconds = 1, string? mailbox = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        lock (_gate)
        {
            _throttles.Add(new CountedThrottle(mailbox, status, retryAfterSeconds) { Remaining = count });
        }
    }

    /// <summary>Every <paramref name="n"/>-th matching request is throttled, for load tests.</summary>
    public void ThrottleEvery(int n, int status = 429, int retryAfterSeconds = 1, string? mailbox = null) =>
        ThrottleEvery(n, [retryAfterSeconds], status, mailbox);

    /// <summary>
    /// Every <paramref name="n"/>-th matching request is throttled; the k-th throttle (from 1) says Retry-After
    /// <paramref name="retryAfterSeconds"/>[(k − 1) mod length], e.g. [1, 0]: one client waits, the next retries at once.
    /// </summary>
    public void ThrottleEvery(int n, IReadOnlyList<int> retryAfterSeconds, int status = 429, string? mailbox = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentNullException.ThrowIfNull(retryAfterSeconds);
        ArgumentOutOfRangeException.ThrowIfZero(retryAfterSeconds.Count);
        if (retryAfterSeconds.Any(s => s < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(retryAfterSeconds), "Retry-After cannot be negative.");
        }

        lock (_gate)
        {
            _periodicThrottles.Add(new PeriodicThrottle(mailbox, status, [.. retryAfterSeconds], n));
        }
    }

    /// <summary>Requests answered with a throttle (one-shot or every-n-th) since the last <see cref="Clear"/> or <see cref="ResetThrottledCount"/>.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Starts <see cref="Throttled"/> again from 0, keeping the rules.</summary>
    public void ResetThrottledCount() => Interlocked.Exchange(ref _throttled, 0);

    /// <summary>Every request for <paramref name="mailbox"/> gets this error until <see cref="Clear"/>.</summary>
    public void Fail(string mailbox, int status, string code, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        lock (_gate)
        {
            _failures[mailbox] = new GraphError(status, code, message);
        }
    }

    /// <summary>
    /// Every request for <paramref name="mailbox"/> gets Graph's 403 ErrorAccessDenied ("Access is denied.
    /// Check credentials and try again."), as when the app lacks the permission or an access policy
    /// excludes the mailbox, until <see cref="Clear"/>.
    /// </summary>
    public void DenyAccess(string mailbox)
    {
        var denied = GraphError.AccessDenied();
        Fail(mailbox, denied.Status, denied.Code, denied.Message);
    }

    /// <summary>Removes every rule, calendar faults included.</summary>
    public void Clear()
    {
        Calendar.Clear();
        lock (_gate)
        {
            _failures.Clear();
            _throttles.Clear();
            _periodicThrottles.Clear();
        }

        ResetThrottledCount();
    }

    /// <summary>The error this request must get, if any. Consumes one-shot throttles and advances counters.</summary>
    internal GraphError? Check(string? mailbox)
    {
        lock (_gate)
        {
            if (mailbox is not null && _failures.TryGetValue(mailbox, out var failure))
            {
                return failure;
            }

            foreach (var throttle in _throttles)
            {
                if (throttle.Remaining > 0 && Matches(throttle.Mailbox, mailbox))
                {
                    throttle.Remaining--;
                    Interlocked.Increment(ref _throttled);
                    return ThrottleError(throttle.Status, throttle.RetryAfterSeconds);
                }
            }

            GraphError? periodic = null;
            foreach (var throttle in _periodicThrottles)
            {
                // Every rule counts every matching request, even when an earlier rule already fired.
                if (Matches(throttle.Mailbox, mailbox) && ++throttle.Seen % throttle.Every == 0)
                {
                    var cycle = throttle.RetryAfterSeconds;
                    periodic ??= ThrottleError(throttle.Status, cycle[(int)((throttle.Seen / throttle.Every - 1) % cycle.Length)]);
                }
            }

            if (periodic is not null)
            {
                Interlocked.Increment(ref _throttled);
            }

            return periodic;
        }
    }

    private static bool Matches(string? ruleMailbox, string? requestMailbox) =>
        ruleMailbox is null || string.Equals(ruleMailbox, requestMailbox, StringComparison.OrdinalIgnoreCase);

    // The codes and messages Graph's Outlook endpoints send when they shed load.
    private static GraphError ThrottleError(int status, int retryAfterSeconds)
    {
        var error = status switch
        {
            429 => new GraphError(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit."),
            503 => new GraphError(503, "ServiceUnavailable", "The service is temporarily unavailable. Please retry later."),
            _ => new GraphError(status, "UnknownError", "The request was throttled."),
        };
        return error with
        {
            Headers = new Dictionary<string, string>
            {
                ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    private sealed record CountedThrottle(string? Mailbox, int Status, int RetryAfterSeconds)
    {
        public int Remaining { get; set; }
    }

    private sealed record PeriodicThrottle(string? Mailbox, int Status, int[] RetryAfterSeconds, int Every)
    {
        public long Seen { get; set; }
    }
}
