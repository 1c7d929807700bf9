using System.Globalization;
using Microsoft.Graph.Models;
using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;

namespace Outreach.Graph.Mapping;

/// <summary>Reduces Graph's message and event models to the records the core reads.</summary>
public static class GraphRecordMapper
{
    /// <summary>The message properties the rules need: the envelope, never the body.</summary>
    public static string[] MessageFields(bool withHeaders) =>
    [
        "id", "conversationId", "receivedDateTime", "sentDateTime", "isDraft", "subject",
        "from", "sender", "toRecipients", "ccRecipients",
        .. withHeaders ? new[] { "internetMessageHeaders" } : [],
    ];

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
            [.. (message.InternetMessageHeaders ?? [])
                .Where(h => h.Name is not null && AutomatedSenderRules.IsRelevantHeader(h.Name))
                .Select(h => new KeyValuePair<string, string>(h.Name!, h.Value ?? string.Empty))]);
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

    private static List<EmailParticipant> Participants(List<Recipient>? recipients) =>
        [.. (recipients ?? []).Select(Participant).OfType<EmailParticipant>()];

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
