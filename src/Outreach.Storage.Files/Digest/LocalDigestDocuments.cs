using System.Text.Json.Serialization;
using Outreach.Core.Digest;

namespace Outreach.Storage.Files.Digest;

/// <summary>A mailbox's digest file: its weeks, its opt-out and its snoozes.</summary>
internal sealed class DigestDocument : IVersionedDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public required string Mailbox { get; set; }

    public DateTimeOffset? OptedOutAt { get; set; }

    public List<DigestRow> Digests { get; set; } = [];

    public Dictionary<string, DateTimeOffset> Snoozes { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class DigestRow
{
    public required string Week { get; set; }

    /// <summary>A random token replaced on every write: the record's ETag.</summary>
    public required string Version { get; set; }

    public DigestState State { get; set; }

    public DateTimeOffset ReservedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? FailureReason { get; set; }

    public List<DigestContact> Contacts { get; set; } = [];

    public static DigestRow From(DigestRecord record, string version) => new()
    {
        Week = record.Week.ToString(),
        Version = version,
        State = record.State,
        ReservedAt = record.ReservedAt,
        SentAt = record.SentAt,
        ExpiresAt = record.ExpiresAt,
        FailureReason = record.FailureReason,
        Contacts = [.. record.Contacts],
    };

    public DigestRecord ToRecord(string mailbox)
    {
        IsoWeek.TryParse(Week, out var week);
        return new DigestRecord
        {
            Mailbox = mailbox, Week = week, State = State, ReservedAt = ReservedAt, SentAt = SentAt, ExpiresAt = ExpiresAt,
            FailureReason = FailureReason, Contacts = Contacts, ETag = Version,
        };
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(DigestDocument))]
internal sealed partial class LocalDigestJsonContext : JsonSerializerContext;
