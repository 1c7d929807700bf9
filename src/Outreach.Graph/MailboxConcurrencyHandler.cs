using System.Collections.Concurrent;

namespace Outreach.Graph;

/// <summary>
/// Keeps at most N requests in flight per mailbox (Outlook's MailboxConcurrency limit is 4 per app per
/// mailbox), whatever the number of callers. It sits outside the retry handler, so a request waiting out
/// a Retry-After keeps its slot, as Outlook counts it.
/// </summary>
internal sealed class MailboxConcurrencyHandler(int maxPerMailbox) : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var mailbox = MailboxOf(request.RequestUri);
        if (mailbox is null) return await base.SendAsync(request, cancellationToken);

        var slot = _slots.GetOrAdd(mailbox, _ => new SemaphoreSlim(maxPerMailbox, maxPerMailbox));
        await slot.WaitAsync(cancellationToken);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            slot.Release();
        }
    }

    /// <summary>The id after "users/" in a Graph URL, decoded and lower-cased; null for other resources.</summary>
    internal static string? MailboxOf(Uri? uri)
    {
        if (uri is null) return null;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var users = Array.FindIndex(segments, s => s.Equals("users", StringComparison.OrdinalIgnoreCase));
        return users >= 0 && users + 1 < segments.Length
            ? Uri.UnescapeDataString(segments[users + 1]).Trim('\'', '(', ')').ToLowerInvariant()
            : null;
    }
}
