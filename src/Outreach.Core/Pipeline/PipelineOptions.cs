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
}
