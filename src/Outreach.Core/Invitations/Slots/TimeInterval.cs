namespace Outreach.Core.Invitations.Slots;

/// <summary>A half-open interval [Start, End): one that ends at 10:00 does not overlap one that starts at 10:00.</summary>
public readonly record struct TimeInterval(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;

    public bool Overlaps(TimeInterval other) => Start < other.End && other.Start < End;

    public override string ToString() => $"{Start:yyyy-MM-dd'T'HH:mm:sszzz}/{End:yyyy-MM-dd'T'HH:mm:sszzz}";
}
