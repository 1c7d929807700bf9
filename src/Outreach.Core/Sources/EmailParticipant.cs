namespace Outreach.Core.Sources;

/// <summary>An address as a message or event names it, with the display name used there.</summary>
public sealed record EmailParticipant(string Address, string? Name);
