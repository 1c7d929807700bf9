using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Outreach.Core.Sources;
using Outreach.Core.State;
using Outreach.Graph.Mapping;

namespace Outreach.Graph.Reading;

/// <summary>
/// Reads a mailbox through Graph delta queries: per-folder message delta with only the envelope fields
/// that folder's rule reads selected (headers only for the Inbox), and calendarView delta over a fixed window. Page links are followed as opaque URLs; the
/// final delta link is the cursor the next run starts from.
/// </summary>
public sealed class GraphMailboxReader(GraphServiceClient client, IOptions<GraphOptions> options) : IMailboxReader
{
    private readonly GraphOptions _options = options.Value;

    public async IAsyncEnumerable<ChangePage<MailMessageRecord>> ReadMailAsync(
        string mailbox, MailFolderKind folder, string? cursor, DateTimeOffset receivedSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = StreamNames.For(folder);
        var delta = client.Users[mailbox].MailFolders[stream].Messages.Delta;
        var fields = GraphRecordMapper.MessageFields(folder, _options.ReadMessageHeaders);
        var next = cursor;
        while (true)
        {
            var link = next;
            var response = await CallAsync(mailbox, stream, () => link is null
                ? delta.GetAsDeltaGetResponseAsync(request =>
                {
                    request.QueryParameters.Select = fields;
                    // The only filter message delta supports; older mail cannot change any status.
                    request.QueryParameters.Filter = "receivedDateTime ge " + receivedSince.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    Prefer(request.Headers);
                }, cancellationToken)
                : delta.WithUrl(link).GetAsDeltaGetResponseAsync(request => Prefer(request.Headers), cancellationToken));

            var items = new List<MailMessageRecord>();
            var removed = new List<string>();
            foreach (var message in response?.Value ?? [])
            {
                if (GraphRecordMapper.IsRemoved(message.AdditionalData)) removed.Add(message.Id ?? string.Empty);
                else items.Add(GraphRecordMapper.ToRecord(message));
            }

            var page = Page(items, removed, response?.OdataNextLink, response?.OdataDeltaLink, mailbox, stream);
            yield return page;
            if (page.IsFinal) yield break;
            next = page.Cursor;
        }
    }

    public async IAsyncEnumerable<ChangePage<CalendarEventRecord>> ReadCalendarAsync(
        string mailbox, CalendarWindow window, string? cursor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var delta = client.Users[mailbox].CalendarView.Delta;
        var next = cursor;
        while (true)
        {
            var link = next;
            var response = await CallAsync(mailbox, StreamNames.Calendar, () => link is null
                ? delta.GetAsDeltaGetResponseAsync(request =>
                {
                    // calendarView/delta takes no $select: the window is all it is told.
                    request.QueryParameters.StartDateTime = Iso(window.Start);
                    request.QueryParameters.EndDateTime = Iso(window.End);
                    Prefer(request.Headers);
                }, cancellationToken)
                : delta.WithUrl(link).GetAsDeltaGetResponseAsync(request => Prefer(request.Headers), cancellationToken));

            var items = new List<CalendarEventRecord>();
            var removed = new List<string>();
            foreach (var ev in response?.Value ?? [])
            {
                if (GraphRecordMapper.IsRemoved(ev.AdditionalData)) removed.Add(ev.Id ?? string.Empty);
                else items.Add(GraphRecordMapper.ToRecord(ev, _options.ReadEventBodies));
            }

            var page = Page(items, removed, response?.OdataNextLink, response?.OdataDeltaLink, mailbox, StreamNames.Calendar);
            yield return page;
            if (page.IsFinal) yield break;
            next = page.Cursor;
        }
    }

    private void Prefer(RequestHeaders headers)
    {
        headers.Add("Prefer", $"odata.maxpagesize={_options.PageSize.ToString(CultureInfo.InvariantCulture)}");
        // Immutable ids survive moves between folders, so a moved message is not counted twice.
        headers.Add("Prefer", "IdType=\"ImmutableId\"");
        headers.Add("Prefer", "outlook.timezone=\"UTC\"");
    }

    private static ChangePage<T> Page<T>(List<T> items, List<string> removed, string? nextLink, string? deltaLink, string mailbox, string stream)
    {
        if (nextLink is not null) return new ChangePage<T>(items, removed, nextLink, IsFinal: false);
        if (deltaLink is not null) return new ChangePage<T>(items, removed, deltaLink, IsFinal: true);
        throw new MailboxAccessException(
            MailboxAccessFailure.Failed, $"Microsoft Graph returned a {stream} delta page for {mailbox} with neither a next link nor a delta link.");
    }

    private async Task<TResult?> CallAsync<TResult>(string mailbox, string stream, Func<Task<TResult?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception error) when (GraphErrorTranslator.IsGraphFailure(error))
        {
            throw GraphErrorTranslator.Translate(error, mailbox, stream, _options);
        }
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
