using Outreach.Core.Policy;

namespace Outreach.Core.Scanning;

/// <summary>The ranked contacts of one scan, with what the scan cost.</summary>
public sealed record ScanResult(string Mailbox, DateTimeOffset AsOf, IReadOnlyList<ContactAssessment> Contacts, ScanStatistics Statistics)
{
    public int CountOf(ContactStatus status) => Contacts.Count(c => c.Status == status);
}

/// <summary>
/// <paramref name="Incremental"/>: the run continued from stored cursors rather than syncing from scratch.
/// <paramref name="Pages"/> is the number of change-feed pages read (one source request each).
/// <paramref name="IncompleteReasons"/>: why the harvest could not read its whole window, in words a person can
/// act on; empty (or null) when it could. A scan is never silently incomplete.
/// </summary>
public sealed record ScanStatistics(
    bool Incremental, int Pages, int Messages, int Events, int Removed, TimeSpan Duration, IReadOnlyList<string>? IncompleteReasons = null)
{
    /// <summary>Some of the window could not be read; <see cref="IncompleteReasons"/> says why.</summary>
    public bool Incomplete => IncompleteReasons is { Count: > 0 };
}

/// <summary>Reported after each page so a caller can show progress.</summary>
public sealed record ScanProgress(string Stream, int Pages, int Items);
