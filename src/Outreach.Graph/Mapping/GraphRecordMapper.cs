using System.Globalization;
using Microsoft.Graph.Models;
using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;

namespace Outreach.Graph.Mapping;

/// <summary>Reduces Graph's message and event models to the records the core reads.</summary>
public static class GraphRecordMapper
{
    /// <summary>
    /// The message properties the rules read from one folder: the envelope, never the body, and only the
    /// half of it that folder's rule uses. Received mail counts its sender (From, when it arrived, and the
    /// headers that mark automated senders); sent mail counts its recipients (To and Cc, when it was sent,
    /// and From, which teaches the owner's aliases). Sender is not asked for: Graph always sets From
    /// on received and sent mail, and Sender only differs when someone sends on another's behalf.
    /// </summary>
    public static string[] MessageFields(MailFolderKind folder, bool withHeaders) => folder == MailFolderKind.Inbox
        ? ["id", "conversationId", "receivedDateTime", "isDraft", "subject", "from", .. withHeaders ? new[] { "internetMessageHeaders" } : []]
        : ["id", "conversationId", "sentDateTime", "isDraft", "subject", "from", "toRecipients", "ccRecipients"];

    /// <summary>A delta feed marks deletions with an "@removed" annotation on an otherwise empty item.</summary>
    public static bool IsRemoved(IDictionary<string, object>? additionalData) =>
        additionalData is not null && additionalData.ContainsKey("@removed");

    public static MailMessageRecord ToRecord(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MailMessageRecord(
            message.Id ?? string.Empty,
            message.ConversationId,
            message.ReceivedDateTime,
            message.SentDateTime,
            message.IsDraft ?? false,
            message.Subject,
            Participant(message.From ?? message.Sender),
            Participants(message.ToRecipients),
            Participants(message.CcRecipients),
            RelevantHeaders(message.InternetMessageHeaders));
    }

    /// <summary>Only the headers the automated-sender rule reads (plain loop: this runs for every message).</summary>
    private static List<KeyValuePair<string, string>> RelevantHeaders(List<InternetMessageHeader>? headers)
    {
        var relevant = new List<KeyValuePair<string, string>>();
        if (headers is null) return relevant;
        foreach (var header in headers)
        {
            if (header.Name is { } name && AutomatedSenderRules.IsRelevantHeader(name))
            {
                relevant.Add(new KeyValuePair<string, string>(name, header.Value ?? string.Empty));
            }
        }

        return relevant;
    }

    /// <param name="includeBody">Only when event bodies may be read (join links pasted into the text).</param>
    public static CalendarEventRecord ToRecord(Event ev, bool includeBody = false)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var locations = (ev.Locations is { Count: > 0 } many ? many : ev.Location is null ? [] : [ev.Location])
            .Select(l => new EventLocation(l.DisplayName, l.LocationType?.ToString(), l.LocationUri, HasAddress(l.Address)))
            .ToList();
        return new CalendarEventRecord(
            ev.Id ?? string.Empty,
            ev.SeriesMasterId,
            ev.Subject,
            ToInstant(ev.Start),
            ToInstant(ev.End),
            ev.IsCancelled ?? false,
            Response(ev.ResponseStatus?.Response),
            Participant(ev.Organizer),
            [.. (ev.Attendees ?? [])
                .Where(a => a.EmailAddress?.Address is not null)
                .Select(a => new EventAttendee(
                    a.EmailAddress!.Address!,
                    a.EmailAddress.Name,
                    a.Type switch { AttendeeType.Resource => AttendeeKind.Resource, AttendeeType.Optional => AttendeeKind.Optional, _ => AttendeeKind.Required },
                    Response(a.Status?.Response)))],
            ev.IsOnlineMeeting ?? false,
            ev.OnlineMeetingProvider is { } provider and not OnlineMeetingProviderType.Unknown ? Camel(provider.ToString()) : null,
            ev.OnlineMeeting?.JoinUrl ?? ev.OnlineMeetingUrl,
            locations,
            includeBody ? ev.Body?.Content : null);
    }

    /// <summary>
    /// Graph's dateTimeTimeZone has no offset in the string. We ask for UTC (Prefer: outlook.timezone);
    /// another zone is converted when the machine knows it, else read as UTC.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return DateTimeOffset.MinValue;
        }

        var unspecified = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        if (value.TimeZone is { Length: > 0 } zone && !zone.Equals("UTC", StringComparison.OrdinalIgnoreCase)
            && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info))
        {
            return new DateTimeOffset(unspecified, info.GetUtcOffset(unspecified)).ToUniversalTime();
        }

        return new DateTimeOffset(unspecified, TimeSpan.Zero);
    }

    private static MeetingResponse Response(ResponseType? response) => response switch
    {
        ResponseType.Organizer => MeetingResponse.Organizer,
        ResponseType.Accepted => MeetingResponse.Accepted,
        ResponseType.TentativelyAccepted => MeetingResponse.TentativelyAccepted,
        ResponseType.Declined => MeetingResponse.Declined,
        ResponseType.NotResponded => MeetingResponse.NotResponded,
        _ => MeetingResponse.None,
    };

    private static bool HasAddress(PhysicalAddress? address) =>
        address is not null
        && new[] { address.Street, address.City, address.PostalCode, address.State, address.CountryOrRegion }.Any(s => !string.IsNullOrWhiteSpace(s));

    private static EmailParticipant? Participant(Recipient? recipient) =>
        recipient?.EmailAddress?.Address is { } address ? new EmailParticipant(address, recipient.EmailAddress.Name) : null;

    private static List<EmailParticipant> Participants(List<Recipient>? recipients)
    {
        var participants = new List<EmailParticipant>(recipients?.Count ?? 0);
        if (recipients is null) return participants;
        foreach (var recipient in recipients)
        {
            if (Participant(recipient) is { } participant) participants.Add(participant);
        }

        return participants;
    }

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
