using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Outreach.Core.Sources;
using Outreach.Core.Touchpoints;

namespace Outreach.Graph.Sample;

/// <summary>
/// Serves the sample's Teams activity (issue 13) as the two Teams feeds, so `outreach scan --sample` shows a contact
/// met only in an ad-hoc Teams video call and one who chats only in Teams. The sample keeps calls and chats in a
/// small form of its own, already reduced the way a Teams reader reduces Graph's call records and chat messages:
/// <c>teams.calls[]</c> = { id, startDateTime, endDateTime, modalities[], participants[{ address, name, organizer }] },
/// <c>teams.chats[]</c> = { id, members[{ address, name }], messages[{ id, createdDateTime, from }] }.
/// Each feed is one page; its cursor makes the next run read nothing new.
/// </summary>
public sealed class SampleTeamsReader(SampleMailbox sample, DateTimeOffset asOf) : ITeamsReader
{
    private const string Done = "sample:done";

    public IAsyncEnumerable<ChangePage<MeetingRecord>> ReadCallsAsync(string mailbox, string? cursor, DateTimeOffset since, CancellationToken cancellationToken) =>
        OnePageAsync(cursor, () => sample.Calls(asOf).OfType<JsonObject>().Select(ToCall).Where(c => c.Start >= since).ToList(), cancellationToken);

    public IAsyncEnumerable<ChangePage<TeamsChatItem>> ReadChatsAsync(string mailbox, string? cursor, DateTimeOffset since, CancellationToken cancellationToken) =>
        OnePageAsync<TeamsChatItem>(cursor, () => [.. sample.Chats(asOf).OfType<JsonObject>().SelectMany(ToMessages).Where(m => m.At >= since).Select(m => new TeamsChatItem(m, null))], cancellationToken);

    private static async IAsyncEnumerable<ChangePage<T>> OnePageAsync<T>(string? cursor, Func<List<T>> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new ChangePage<T>(cursor == Done ? [] : items(), [], Done, IsFinal: true);
    }

    /// <summary>A call with video among its modalities is a video meeting; audio only is voice.</summary>
    private static MeetingRecord ToCall(JsonObject call)
    {
        var modalities = call["modalities"] is JsonArray m ? m.Select(x => (string?)x).ToList() : [];
        var people = (call["participants"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => new MeetingParticipant((string)p["address"]!, (string?)p["name"], IsOrganizer: (bool?)p["organizer"] ?? false, Declined: false))
            .ToList();
        return new MeetingRecord(
            "call:" + (string)call["id"]!,
            Date(call["startDateTime"]),
            Date(call["endDateTime"]),
            IsCancelled: false,
            OwnerDeclined: false,
            modalities.Contains("video") ? MeetingMedium.Video : MeetingMedium.Voice,
            people.Count,
            people);
    }

    private static IEnumerable<ChatMessageRecord> ToMessages(JsonObject chat)
    {
        var id = (string)chat["id"]!;
        var members = (chat["members"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => new EmailParticipant((string)p["address"]!, (string?)p["name"])).ToList();
        foreach (var message in (chat["messages"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var from = (string?)message["from"];
            yield return new ChatMessageRecord(
                (string)message["id"]!, id, Date(message["createdDateTime"]),
                from is null ? null : members.FirstOrDefault(p => string.Equals(p.Address, from, StringComparison.OrdinalIgnoreCase)) ?? new EmailParticipant(from, null),
                members);
        }
    }

    internal static DateTimeOffset Date(JsonNode? node) =>
        DateTimeOffset.Parse((string?)node ?? throw new InvalidDataException("A sample Teams or LinkedIn item lacks a date."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
