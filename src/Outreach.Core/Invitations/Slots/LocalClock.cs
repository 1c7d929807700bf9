namespace Outreach.Core.Invitations.Slots;

/// <summary>Wall-clock times in a zone turned into instants, with daylight-saving gaps and overlaps made explicit.</summary>
internal static class LocalClock
{
    /// <summary>
    /// Every instant at which the zone's clocks show <paramref name="local"/>, earliest first: none in a
    /// spring-forward gap, two in a fall-back overlap, one otherwise.
    /// </summary>
    public static IEnumerable<DateTimeOffset> Instants(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) yield break;
        if (zone.IsAmbiguousTime(local))
        {
            // A larger offset is an earlier instant.
            foreach (var offset in zone.GetAmbiguousTimeOffsets(local).Distinct().OrderByDescending(o => o))
            {
                yield return new DateTimeOffset(local, offset);
            }

            yield break;
        }

        yield return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The instant a wall-clock boundary (the start or end of a working day) stands for: the first
    /// occurrence when clocks show it twice, and the moment clocks jump when it falls in a gap.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        for (var probe = local; probe < local.AddDays(1); probe = probe.AddMinutes(1))
        {
            foreach (var instant in Instants(probe, zone)) return instant;
        }

        throw new InvalidOperationException($"No valid local time in {zone.Id} within a day after {local:yyyy-MM-dd HH:mm}.");
    }
}
