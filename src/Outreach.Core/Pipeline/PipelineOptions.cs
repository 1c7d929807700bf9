using System.ComponentModel.DataAnnotations;

namespace Outreach.Core.Pipeline;

/// <summary>The weekly run and the on-demand scans. Section "Outreach:Pipeline".</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Outreach:Pipeline";

    /// <summary>Mailboxes scanned every week (user principal names).</summary>
    public List<string> Mailboxes { get; set; } = [];

    /// <summary>An Entra group whose (transitive) user members are scanned every week.</summary>
    public string? MailboxGroupId { get; set; }

    /// <summary>The most mailboxes one POST /api/scans may name.</summary>
    [Range(1, 1000)]
    public int MaxMailboxesPerRequest { get; set; } = 100;

    /// <summary>How many harvest messages the weekly run sends at once.</summary>
    [Range(1, 256)]
    public int EnqueueParallelism { get; set; } = 32;

    /// <summary>
    /// How long a harvest or evaluation holds its mailbox's lock before it must renew it (it renews at a third
    /// of this). A crashed holder blocks its mailbox this long at most.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MailboxLockDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a stage that found its mailbox locked waits before its message is delivered again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LockedRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
