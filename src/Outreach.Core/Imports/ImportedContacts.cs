using Outreach.Core.Contacts;
using Outreach.Core.State;
using Outreach.Core.Touchpoints;

namespace Outreach.Core.Imports;

/// <summary>What an import says of one contact, ready for the evaluator: its touchpoints and what it knows of them.</summary>
public sealed class ImportedPerson
{
    /// <summary>LinkedIn messages with this contact (de-duplicated by message key).</summary>
    public TouchpointList LinkedIn { get; } = new();

    public string? ProfileUrl { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>No address is known: the key is the profile URL.</summary>
    public bool IsLinkedInOnly { get; set; }
}

/// <summary>
/// A mailbox's imported activity indexed by contact key, built once per evaluation. Kept apart from the harvested
/// <see cref="MailboxState"/> on purpose: imports live in their own store until erased, and the state is pruned
/// and saved by every harvest, which must neither drop nor copy them.
/// </summary>
public sealed class ImportedContacts
{
    private readonly Dictionary<string, ImportedPerson> _people = new(StringComparer.Ordinal);

    public static ImportedContacts Empty { get; } = new();

    public IEnumerable<string> Keys => _people.Keys;

    public int Count => _people.Count;

    public ImportedPerson? Find(string key) => _people.GetValueOrDefault(key);

    public static ImportedContacts From(ImportedActivity? activity)
    {
        if (activity is null || (activity.Contacts.Count == 0 && activity.Messages.Count == 0)) return Empty;
        var index = new ImportedContacts();
        foreach (var contact in activity.Contacts)
        {
            var person = index.Person(contact.ContactKey);
            if (person is null) continue;
            person.ProfileUrl ??= string.IsNullOrWhiteSpace(contact.ProfileUrl) ? null : contact.ProfileUrl.Trim();
            person.DisplayName ??= string.IsNullOrWhiteSpace(contact.DisplayName) ? null : contact.DisplayName.Trim();
        }

        foreach (var (channel, message) in activity.Messages)
        {
            // LinkedIn is the one imported channel; Teams chats and email are harvested into the state instead.
            if (channel != TextChannel.LinkedIn) continue;
            index.Person(message.ContactKey)?.LinkedIn.Add(new TextTouchpoint(message.MessageKey, message.At, message.Direction, message.ConversationKey));
        }

        return index;
    }

    /// <summary>The person under a key (an address normalised the same way as the harvest's), or null for an empty key.</summary>
    private ImportedPerson? Person(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var email = EmailAddresses.TryNormalize(key, out var address);
        var normalized = email ? address! : key.Trim();
        if (!_people.TryGetValue(normalized, out var person))
        {
            person = new ImportedPerson { IsLinkedInOnly = !email };
            _people[normalized] = person;
        }

        return person;
    }
}
