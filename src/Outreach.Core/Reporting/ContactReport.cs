using Outreach.Core.Policy;
using Outreach.Core.Scanning;

namespace Outreach.Core.Reporting;

/// <summary>
/// The published shape of a scan's result: the CLI's JSON and the HTTP API's contacts use it, so scripts
/// can rely on one contract. Field names are fixed by the CLI contract.
/// </summary>
public sealed record ScanReport(string Mailbox, DateTimeOffset AsOf, IReadOnlyList<ContactReport> Contacts)
{
    /// <summary>The scan could not read its whole window: some statuses may be wrong (added in issue 11).</summary>
    public bool Incomplete { get; init; }

    /// <summary>Why, one sentence each; empty when complete.</summary>
    public IReadOnlyList<string> IncompleteReasons { get; init; } = [];

    public static ScanReport From(ScanResult result) =>
        new(result.Mailbox, result.AsOf, [.. result.Contacts.Select(ContactReport.From)])
        {
            Incomplete = result.Statistics.Incomplete,
            IncompleteReasons = result.Statistics.IncompleteReasons ?? [],
        };
}

/// <param name="Email">The address; null for a LinkedIn-only contact (issue 13), whose identity is <see cref="LinkedinUrl"/>.</param>
public sealed record ContactReport(
    string? Email,
    string? DisplayName,
    ContactStatus Status,
    double? Score,
    int Sent,
    int Received,
    DateTimeOffset? LastTextAt,
    DateTimeOffset? LastMetAt,
    IReadOnlyList<string> Reasons)
{
    /// <summary>Text touchpoints within the look-back per channel (added in issue 13).</summary>
    public ChannelCounts Channels { get; init; }

    /// <summary>The contact's LinkedIn profile URL where an import knows it (added in issue 13).</summary>
    public string? LinkedinUrl { get; init; }

    public static ContactReport From(ContactAssessment a) =>
        new(a.IsLinkedInOnly ? null : a.Email, a.DisplayName, a.Status, a.Score, a.Sent, a.Received, a.LastTextAt, a.LastMetAt, a.Reasons)
        {
            Channels = a.Channels,
            LinkedinUrl = a.LinkedinUrl,
        };
}
