using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Scanning;

/// <summary>How a scan runs (not what it decides: that is the policy). Section "Outreach:Scan".</summary>
public sealed class ScanOptions
{
    public const string SectionName = "Outreach:Scan";

    /// <summary>
    /// Save progress (cursors and touchpoints) at most this often while paging, so a crashed or timed-out
    /// run resumes near where it stopped without rewriting state after every page. Zero: after every page.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Extra days the calendar window reaches beyond the look-ahead, so the weekly run keeps its calendar
    /// delta for about a month before the window has to be re-synced.
    /// </summary>
    [Range(0, 365)]
    public int CalendarWindowSlackDays { get; set; } = 35;

    /// <summary>
    /// Retention: a contact with no email within this many days is removed from the stored state by the
    /// next harvest (the weekly run), name and subject included. Touchpoints older than the text look-back
    /// are removed sooner, as they can no longer change a status.
    /// </summary>
    [Range(30, 3650)]
    public int RetentionDays { get; set; } = 365;
}
