using System.Text.Json.Serialization;

namespace Outreach.Core.Pipeline;

[JsonConverter(typeof(JsonStringEnumConverter<ScanState>))]
public enum ScanState
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>
/// One scan of one mailbox as the pipeline tracks it: queued by the timer or the HTTP endpoint, running
/// while harvested, completed with its outcome, or failed with a reason a person can act on.
/// </summary>
public sealed record ScanRecord
{
    public required string ScanId { get; init; }

    public required string Mailbox { get; init; }

    public ScanState State { get; init; } = ScanState.Queued;

    /// <summary>"timer" or "http".</summary>
    public required string Trigger { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>The moment the policy is evaluated at; fixed when harvesting starts.</summary>
    public DateTimeOffset? AsOf { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>Contacts per status name ("flagged", "met", ...), once completed.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    public int Contacts { get; init; }

    /// <summary>Graph requests the harvest made (retries included).</summary>
    public int GraphRequests { get; init; }

    public int Pages { get; init; }

    public bool Incremental { get; init; }

    /// <summary>The harvest could not read the whole window (see <see cref="IncompleteReason"/>); the counts may be low.</summary>
    public bool Incomplete { get; init; }

    /// <summary>Why the harvest was incomplete, in words a person can act on; null when it was complete.</summary>
    public string? IncompleteReason { get; init; }

    public long DurationMs { get; init; }

    /// <summary>The store's concurrency token for this version of the record.</summary>
    [JsonIgnore]
    public string? ETag { get; init; }

    public static string NewId(DateTimeOffset at) =>
        $"{at.UtcDateTime:yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..27];
}
