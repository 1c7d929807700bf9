using System.Text.Json.Serialization;
using Outreach.Core.Serialization;

namespace Outreach.Core.Policy;

/// <summary>Where a contact stands. Serialized in kebab-case ("below-threshold") for the CLI and API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContactStatus>))]
public enum ContactStatus
{
    /// <summary>Only ever met in text, and warm enough to invite.</summary>
    [JsonStringEnumMemberName("flagged")] Flagged,
    /// <summary>Met by video or in person within the meeting look-back.</summary>
    [JsonStringEnumMemberName("met")] Met,
    /// <summary>A qualifying meeting is coming up within the look-ahead.</summary>
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    /// <summary>Invited recently; waiting for the answer (set by the invitation ledger).</summary>
    [JsonStringEnumMemberName("invited")] Invited,
    /// <summary>Internal, automated, or on the do-not-contact list.</summary>
    [JsonStringEnumMemberName("excluded")] Excluded,
    /// <summary>Not enough recent, two-way text to call the relationship warm.</summary>
    [JsonStringEnumMemberName("below-threshold")] BelowThreshold,
}

/// <summary>The wire names of <see cref="ContactStatus"/>: the attributes above, read by <see cref="WireNames{TEnum}"/>.</summary>
public static class ContactStatusNames
{
    public static string ToWireName(this ContactStatus status) => WireNames<ContactStatus>.Of(status);

    /// <summary>A wire name as people type it: trimmed, any case.</summary>
    public static bool TryParse(string? text, out ContactStatus status) => WireNames<ContactStatus>.TryParse(text?.Trim(), ignoreCase: true, out status);
}
