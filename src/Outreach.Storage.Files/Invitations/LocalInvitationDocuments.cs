using System.Text.Json.Serialization;
using Outreach.Core.Invitations;

namespace Outreach.Storage.Files.Invitations;

/// <summary>A mailbox's invitation ledger file: every contact's latest invitation, ordered by contact.</summary>
internal sealed class LedgerDocument : IVersionedDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public required string Mailbox { get; set; }

    public List<LedgerRow> Entries { get; set; } = [];
}

/// <summary>
/// One entry and its version: a random token replaced on every write, the entry's ETag. A token rather than
/// a hash of the entry, so an entry changed and changed back still reads as changed.
/// </summary>
internal sealed class LedgerRow
{
    public required string Version { get; set; }

    public required InvitationLedgerEntry Entry { get; set; }
}

/// <summary>A mailbox's do-not-contact file: its entries, ordered.</summary>
internal sealed class SuppressionDocument : IVersionedDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public required string Mailbox { get; set; }

    public List<SuppressionRow> Entries { get; set; } = [];
}

internal sealed class SuppressionRow
{
    /// <summary>The normalized entry: an address or "@domain".</summary>
    public required string Entry { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>Source-generated serialization of the local invitation files: no reflection, stable names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(LedgerDocument))]
[JsonSerializable(typeof(SuppressionDocument))]
internal sealed partial class LocalInvitationJsonContext : JsonSerializerContext;
