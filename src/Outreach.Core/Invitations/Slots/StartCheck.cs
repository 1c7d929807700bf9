namespace Outreach.Core.Invitations.Slots;

public enum StartProblem
{
    None,
    InvalidDuration,
    InThePast,
    TooSoon,
    OutsideWorkingHours,
    Busy,
}

/// <summary>Whether a caller-given start can be used; <see cref="Message"/> says why not, in words for an API answer.</summary>
public sealed record StartCheck(StartProblem Problem, string? Message)
{
    public static readonly StartCheck Valid = new(StartProblem.None, null);

    public bool IsValid => Problem == StartProblem.None;
}
