using System.Text.Json.Serialization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.State;

/// <summary>Everything kept about one address's text exchanges with the owner.</summary>
public sealed class ContactLedger
{
    public string? DisplayName { get; set; }

    /// <summary>When <see cref="DisplayName"/> was used: the most recent use wins.</summary>
    public DateTimeOffset? NamedAt { get; set; }

    /// <summary>Email touchpoints within the text look-back (older ones are pruned), one per message.</summary>
    public TouchpointList Texts { get; init; } = new();

    /// <summary>
    /// Teams chat touchpoints (issue 13), pruned like <see cref="Texts"/>. A list of its own rather than a channel
    /// in every touchpoint: email's 24-byte records and hot loop stay as they were, and schema 2 states (which
    /// have no such property) load with none. Stored as "teamsChats"; absent from the JSON while empty.
    /// </summary>
    public TouchpointList? TeamsChats { get; set; }

    /// <summary>The latest text touchpoint ever seen, kept when older touchpoints are pruned.</summary>
    public DateTimeOffset? LastTextAt { get; set; }

    /// <summary>Why this sender's mail looked machine-sent (a header), if it ever did.</summary>
    public string? AutomatedReason { get; set; }

    /// <summary>Subject of the latest message exchanged; an invitation may refer to it.</summary>
    public string? LatestSubject { get; set; }

    public DateTimeOffset? LatestSubjectAt { get; set; }

    /// <summary>Adds a touchpoint unless the same message was already counted (delta feeds repeat updated items).</summary>
    public bool TryAdd(TextTouchpoint touchpoint, TextChannel channel = TextChannel.Email)
    {
        var list = channel switch
        {
            TextChannel.Email => Texts,
            TextChannel.TeamsChat => TeamsChats ??= new TouchpointList(),
            // LinkedIn touchpoints live in the import store, never in the harvested state (erased with it).
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Only email and Teams chats are harvested into the state."),
        };
        if (!list.Add(touchpoint)) return false;
        if (LastTextAt is not { } last || touchpoint.UtcTicks > last.UtcTicks) LastTextAt = touchpoint.At;
        return true;
    }

    public void Rename(string? name, DateTimeOffset at)
    {
        // Outlook often repeats the address as the name; that must not replace a real name.
        if (NamedAt is { } named && named > at) return;
        if (string.IsNullOrWhiteSpace(name) || name.Contains('@', StringComparison.Ordinal)) return;
        // Trim returns the very string when there is nothing to trim, so this allocates only for a padded name;
        // comparing with the name held first read a second string per message for nothing.
        DisplayName = name.Trim();
        NamedAt = at;
    }

    public void NoteSubject(string? subject, DateTimeOffset at)
    {
        if ((LatestSubjectAt is { } seen && seen > at) || string.IsNullOrWhiteSpace(subject)) return;
        LatestSubject = subject.Trim();
        LatestSubjectAt = at;
    }

    /// <summary>Drops touchpoints older than <paramref name="cutoff"/>; they can no longer change a status.</summary>
    public int PruneBefore(DateTimeOffset cutoff)
    {
        var removed = Texts.RemoveBefore(cutoff);
        if (TeamsChats is { } chats)
        {
            removed += chats.RemoveBefore(cutoff);
            if (chats.Count == 0) TeamsChats = null;
        }

        return removed;
    }

    /// <summary>Touchpoints held on every harvested channel.</summary>
    [JsonIgnore]
    public int TextCount => Texts.Count + (TeamsChats?.Count ?? 0);

    [JsonIgnore]
    public bool IsEmpty => TextCount == 0 && LastTextAt is null;
}
