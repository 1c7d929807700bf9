using Outreach.Core.Touchpoints;

namespace Outreach.Core.Imports;

/// <summary>
/// What an import store keeps per contact: who the contact is and, per channel, its messages packed as
/// <see cref="TextTouchpoint"/>s (24 bytes each, ordered by message key). Packed, a mailbox with tens of thousands
/// of imported messages stays a few hundred KiB, and a table row holds thousands of messages in one property.
/// </summary>
public sealed record ImportedContactRecord(ImportedContact Contact, IReadOnlyDictionary<TextChannel, byte[]> Messages)
{
    public int MessageCount => Messages.Values.Sum(p => p.Length / TextTouchpoint.PackedSize);

    public IEnumerable<(TextChannel Channel, ImportedMessage Message)> Unpack()
    {
        foreach (var (channel, packed) in Messages.OrderBy(m => m.Key))
        {
            for (var offset = 0; offset + TextTouchpoint.PackedSize <= packed.Length; offset += TextTouchpoint.PackedSize)
            {
                var touchpoint = TextTouchpoint.ReadFrom(packed.AsSpan(offset, TextTouchpoint.PackedSize));
                yield return (channel, new ImportedMessage(Contact.ContactKey, touchpoint.MessageKey, touchpoint.ConversationKey, touchpoint.At, touchpoint.Direction));
            }
        }
    }
}

/// <summary>
/// The one merge both import stores run (the file store under its lock, the table store inside a conditional
/// write): contacts by key, the first known value of each field kept; messages by channel and key within a contact.
/// </summary>
public static class ImportMerging
{
    /// <summary>A batch grouped by contact: each contact of the batch (or named only by a message) with its messages.</summary>
    public static IReadOnlyList<(ImportedContact Contact, IReadOnlyList<ImportedMessage> Messages)> ByContact(ImportBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var contacts = new Dictionary<string, ImportedContact>(StringComparer.Ordinal);
        foreach (var contact in batch.Contacts)
        {
            contacts[contact.ContactKey] = contacts.TryGetValue(contact.ContactKey, out var known) ? Fill(known, contact) : contact;
        }

        var messages = batch.Messages.GroupBy(m => m.ContactKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<ImportedMessage>)[.. g], StringComparer.Ordinal);
        foreach (var key in messages.Keys.Where(k => !contacts.ContainsKey(k))) contacts[key] = new ImportedContact(key, null, null, null, null);
        return [.. contacts.Values.OrderBy(c => c.ContactKey, StringComparer.Ordinal)
            .Select(c => (c, messages.TryGetValue(c.ContactKey, out var list) ? list : (IReadOnlyList<ImportedMessage>)[]))];
    }

    /// <summary>
    /// <paramref name="existing"/> (null: a new contact) with the batch's contact and messages merged in; how many
    /// messages were new, and whether anything changed at all (nothing changed: no write is needed).
    /// </summary>
    public static (ImportedContactRecord Record, int MessagesAdded, bool Changed) Merge(
        ImportedContactRecord? existing, TextChannel channel, ImportedContact contact, IReadOnlyList<ImportedMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(messages);
        var mergedContact = existing is null ? contact : Fill(existing.Contact, contact);
        var packed = existing?.Messages.GetValueOrDefault(channel) ?? [];
        var touchpoints = new SortedDictionary<ulong, TextTouchpoint>();
        for (var offset = 0; offset + TextTouchpoint.PackedSize <= packed.Length; offset += TextTouchpoint.PackedSize)
        {
            var touchpoint = TextTouchpoint.ReadFrom(packed.AsSpan(offset, TextTouchpoint.PackedSize));
            touchpoints[touchpoint.MessageKey] = touchpoint;
        }

        var added = 0;
        foreach (var message in messages)
        {
            if (touchpoints.TryAdd(message.MessageKey, new TextTouchpoint(message.MessageKey, message.At, message.Direction, message.ConversationKey))) added++;
        }

        var contactChanged = existing is null || mergedContact != existing.Contact;
        if (!contactChanged && added == 0) return (existing!, 0, false);

        var channels = new Dictionary<TextChannel, byte[]>(existing?.Messages ?? new Dictionary<TextChannel, byte[]>());
        if (touchpoints.Count > 0) channels[channel] = Pack(touchpoints.Values);
        return (new ImportedContactRecord(mergedContact, channels), added, true);
    }

    public static ImportedActivity ToActivity(IEnumerable<ImportedContactRecord> records)
    {
        var list = records.OrderBy(r => r.Contact.ContactKey, StringComparer.Ordinal).ToList();
        return list.Count == 0 ? ImportedActivity.Empty : new ImportedActivity([.. list.Select(r => r.Contact)], [.. list.SelectMany(r => r.Unpack())]);
    }

    private static byte[] Pack(ICollection<TextTouchpoint> touchpoints)
    {
        var bytes = new byte[touchpoints.Count * TextTouchpoint.PackedSize];
        var offset = 0;
        foreach (var touchpoint in touchpoints)
        {
            touchpoint.WriteTo(bytes.AsSpan(offset, TextTouchpoint.PackedSize));
            offset += TextTouchpoint.PackedSize;
        }

        return bytes;
    }

    /// <summary>What was known stays; what the new import adds fills the gaps (an email found later, a name).</summary>
    private static ImportedContact Fill(ImportedContact known, ImportedContact incoming) => known with
    {
        Email = known.Email ?? incoming.Email,
        ProfileUrl = known.ProfileUrl ?? incoming.ProfileUrl,
        DisplayName = known.DisplayName ?? incoming.DisplayName,
        ConnectedOn = known.ConnectedOn ?? incoming.ConnectedOn,
    };
}
