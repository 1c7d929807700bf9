using System.Text.Json.Serialization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.State;

/// <summary>Everything kept about one address's text exchanges with the owner.</summary>
public sealed class ContactLedger
{
    public string? DisplayName { get; set; }

    /// <summary>When <see cref="DisplayName"/> was used: the most recent use wins.</summary>
    public DateTimeOffset? NamedAt { get; set; }

    /// <summary>Text touchpoints within the text look-back (older ones are pruned), one per message.</summary>
    public TouchpointList Texts { get; init; } = new();

    /// <summary>The latest text touchpoint ever seen, kept when older touchpoints are pruned.</summary>
    public DateTimeOffset? LastTextAt { get; set; }

    /// <summary>Why this sender's mail looked machine-sent (a header), if it ever did.</summary>
    public string? AutomatedReason { get; set; }

    /// <summary>Subject of the latest message exchanged; an invitation may refer to it.</summary>
    public string? LatestSubject { get; set; }

    public DateTimeOffset? LatestSubjectAt { get; set; }

    /// <summary>Adds a touchpoint unless the same message was already counted (delta feeds repeat updated items).</summary>
    public bool TryAdd(TextTouchpoint touchpoint)
    {
        if (!Texts.Add(touchpoint)) return false;
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
        return Texts.RemoveBefore(cutoff);
    }

    [JsonIgnore]
    public bool IsEmpty => Texts.Count == 0 && LastTextAt is null;
}
