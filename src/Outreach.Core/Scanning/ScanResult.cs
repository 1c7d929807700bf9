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
/// </summary>
public sealed record ScanStatistics(bool Incremental, int Pages, int Messages, int Events, int Removed, TimeSpan Duration);

/// <summary>Reported after each page so a caller can show progress.</summary>
public sealed record ScanProgress(string Stream, int Pages, int Items);
