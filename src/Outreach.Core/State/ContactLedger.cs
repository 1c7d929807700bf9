using System.Text.Json.Serialization;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.State;

/// <summary>Everything kept about one address's text exchanges with the owner.</summary>
public sealed class ContactLedger
{
    private HashSet<ulong>? _seen;

    public string? DisplayName { get; set; }

    /// <summary>When <see cref="DisplayName"/> was used: the most recent use wins.</summary>
    public DateTimeOffset? NamedAt { get; set; }

    /// <summary>Text touchpoints within the text look-back (older ones are pruned).</summary>
    public List<TextTouchpoint> Texts { get; init; } = [];

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
        _seen ??= [.. Texts.Select(t => t.MessageKey)];
        if (!_seen.Add(touchpoint.MessageKey)) return false;
        Texts.Add(touchpoint);
        if (LastTextAt is null || touchpoint.At > LastTextAt) LastTextAt = touchpoint.At;
        return true;
    }

    public void Rename(string? name, DateTimeOffset at)
    {
        // Outlook often repeats the address as the name; that must not replace a real name.
        if (string.IsNullOrWhiteSpace(name) || name.Contains('@', StringComparison.Ordinal)) return;
        if (NamedAt is { } named && named > at) return;
        DisplayName = name.Trim();
        NamedAt = at;
    }

    public void NoteSubject(string? subject, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(subject) || (LatestSubjectAt is { } seen && seen > at)) return;
        LatestSubject = subject.Trim();
        LatestSubjectAt = at;
    }

    /// <summary>Drops touchpoints older than <paramref name="cutoff"/>; they can no longer change a status.</summary>
    public int PruneBefore(DateTimeOffset cutoff)
    {
        var removed = Texts.RemoveAll(t => t.At < cutoff);
        if (removed > 0) _seen = null;
        return removed;
    }

    [JsonIgnore]
    public bool IsEmpty => Texts.Count == 0 && LastTextAt is null;
}
