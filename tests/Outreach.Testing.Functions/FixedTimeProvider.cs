namespace Outreach.Testing.Functions;

/// <summary>Pins "now" so the sample's dates, the scans' as-of and the digest's week agree.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
