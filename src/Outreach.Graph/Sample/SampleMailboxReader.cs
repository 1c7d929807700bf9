using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph.Mapping;

namespace Outreach.Graph.Sample;

/// <summary>
/// Serves a <see cref="SampleMailbox"/> as change feeds, in pages, through the same Graph models and
/// mapper as the live reader, so `outreach scan --sample` runs the real pipeline with no network.
/// A finished feed's cursor makes the next run incremental: nothing changed, one empty page.
/// </summary>
public sealed class SampleMailboxReader(SampleMailbox sample, DateTimeOffset asOf, int pageSize = 50) : IMailboxReader
{
    private const string Done = "sample:done";

    public IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
        string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince, CancellationToken cancellationToken)
    {
        var records = sample.Messages(StreamNames.For(folder), asOf)
            .OfType<JsonNode>()
            .Select(node => new JsonParseNode(SampleMailbox.ToElement(node)).GetObjectValue(Message.CreateFromDiscriminatorValue))
            .OfType<Message>()
            .Where(m => (m.ReceivedDateTime ?? m.SentDateTime) >= receivedSince)
            .Select(GraphRecordMapper.ToRecord);
        return PagesAsync(records.ToList(), cursor, cancellationToken);
    }

    public IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
        string mailbox, CalendarWindow window, string? cursor, CancellationToken cancellationToken)
    {
        var records = sample.Events(asOf)
            .OfType<JsonNode>()
            .Select(node => new JsonParseNode(SampleMailbox.ToElement(node)).GetObjectValue(Event.CreateFromDiscriminatorValue))
            .OfType<Event>()
            .Select(e => GraphRecordMapper.ToRecord(e))
            .Where(e => e.End > window.Start && e.Start < window.End);
        return PagesAsync(records.ToList(), cursor, cancellationToken);
    }

    private async IAsyncEnumerable<ChangePage<T>> PagesAsync<T>(List<T> items, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (cursor == Done)
        {
            yield return new ChangePage<T>([], [], Done, IsFinal: true);
            yield break;
        }

        var offset = cursor is null ? 0 : int.Parse(cursor.Split(':')[^1], CultureInfo.InvariantCulture);
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = items.Skip(offset).Take(pageSize).ToList();
            offset += page.Count;
            var final = offset >= items.Count;
            yield return new ChangePage<T>(page, [], final ? Done : $"sample:{offset.ToString(CultureInfo.InvariantCulture)}", final);
            if (final) yield break;
        }
        while (true);
    }
}
