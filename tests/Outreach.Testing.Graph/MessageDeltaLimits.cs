namespace Outreach.Testing.Graph;

/// <summary>Which messages a capped filtered delta returns when a folder holds more than the cap.</summary>
public enum DeltaCapChoice
{
    /// <summary>The newest by receivedDateTime (what Exchange is observed to do).</summary>
    Newest,

    /// <summary>An arbitrary but stable subset (by a hash of the id), so a client cannot rely on "newest".</summary>
    Scattered,
}

/// <summary>
/// The documented limit of message delta with <c>$filter</c>: "A delta query with $filter returns only up to
/// 5,000 messages" (https://learn.microsoft.com/graph/delta-query-messages). On by default; thread-safe.
/// </summary>
public sealed class MessageDeltaLimits
{
    /// <summary>Graph's documented cap for a filtered message delta.</summary>
    public const int GraphFilteredCap = 5000;

    private int _filteredCap = GraphFilteredCap;
    private int _choice = (int)DeltaCapChoice.Newest;

    /// <summary>At most this many messages in the initial round of a filtered delta; null turns the cap off.</summary>
    public int? FilteredCap
    {
        get => Volatile.Read(ref _filteredCap) is var cap && cap > 0 ? cap : null;
        set
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "A cap must be positive (null turns it off).");
            }

            Volatile.Write(ref _filteredCap, value ?? 0);
        }
    }

    /// <summary>Which messages survive the cap.</summary>
    public DeltaCapChoice Choice
    {
        get => (DeltaCapChoice)Volatile.Read(ref _choice);
        set => Volatile.Write(ref _choice, (int)value);
    }
}
