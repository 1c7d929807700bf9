namespace Outreach.Testing.Graph;

/// <summary>
/// calendarView/delta misbehaviour reported against the SDK (msgraph-sdk-dotnet#3070, #3082): a nextLink
/// that repeats forever, pages larger than the client asked for, and the same event id more than once.
/// Thread-safe; all off by default.
/// </summary>
public sealed class CalendarDeltaFaults
{
    private int _loops;
    private int _oversize;
    private int _duplicates;

    /// <summary>The next <paramref name="count"/> follow-up (skiptoken) requests answer with their own URL as nextLink.</summary>
    public void RepeatNextLink(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _loops, count);
    }

    /// <summary>Pages hold this many times the requested odata.maxpagesize (1 = as asked).</summary>
    public void OversizePages(int factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        Volatile.Write(ref _oversize, factor == 1 ? 0 : factor);
    }

    /// <summary>Each page repeats its first event, and each follow-up page starts with the previous page's last one.</summary>
    public void DuplicateIds(bool on) => Volatile.Write(ref _duplicates, on ? 1 : 0);

    /// <summary>Turns every calendar fault off.</summary>
    public void Clear()
    {
        Volatile.Write(ref _loops, 0);
        Volatile.Write(ref _oversize, 0);
        Volatile.Write(ref _duplicates, 0);
    }

    internal bool TakeLoop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _loops);
            if (left == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _loops, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    internal int PageFactor => Math.Max(1, Volatile.Read(ref _oversize));

    internal bool Duplicates => Volatile.Read(ref _duplicates) == 1;
}
