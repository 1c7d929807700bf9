namespace Outreach.Core.Invitations.Slots;

/// <summary>Find <see cref="Count"/> free slots of <see cref="Duration"/> in the owner's calendar.</summary>
public sealed record SlotRequest
{
    public required WorkingHours WorkingHours { get; init; }

    /// <summary>The owner's busy time (any offset, unsorted, possibly overlapping).</summary>
    public IReadOnlyList<TimeInterval> Busy { get; init; } = [];

    /// <summary>Between <see cref="SlotFinder.MinDuration"/> and <see cref="SlotFinder.MaxDuration"/>.</summary>
    public required TimeSpan Duration { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>How many slots (one per contact invited): they never overlap each other.</summary>
    public int Count { get; init; } = 1;
}
